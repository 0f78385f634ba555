package org.pot4j.api.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable n-dimensional array: element type, static shape and little-endian data in row-major (C) order.
 *
 * <p>Views ({@link #reshape}, {@link #slice}) share data and cost nothing; {@link #toFloatArray()} and the
 * {@code of*} factories copy. The buffer handed out by {@link #data()} is read-only.
 */
public final class Tensor {
    private final ElementType type;
    private final Shape shape;
    private final ByteBuffer data;

    private Tensor(ElementType type, Shape shape, ByteBuffer data) {
        this.type = type;
        this.shape = shape;
        this.data = data;
    }

    /**
     * A tensor over {@code data} (from its position to its limit), without copying.
     *
     * @param type  the element type
     * @param shape the shape, static
     * @param data  the little-endian elements in row-major order; the tensor sees later changes to it
     * @return the tensor
     * @throws IllegalArgumentException if the shape is dynamic or the byte count does not match
     */
    public static Tensor of(ElementType type, Shape shape, ByteBuffer data) {
        if (!shape.isStatic()) {
            throw new IllegalArgumentException("a tensor needs a static shape, got " + shape);
        }
        long expected = type.byteSize(shape.elementCount());
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("a " + type.irName() + " tensor of shape " + shape + " needs " + expected
                    + " bytes, got " + data.remaining());
        }
        return new Tensor(type, shape, data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * A tensor over a copy of {@code bytes}.
     *
     * @param type  the element type
     * @param shape the shape, static
     * @param bytes the little-endian elements in row-major order
     * @return the tensor
     * @throws IllegalArgumentException if the shape is dynamic or the byte count does not match
     */
    public static Tensor of(ElementType type, Shape shape, byte[] bytes) {
        return of(type, shape, ByteBuffer.wrap(bytes.clone()));
    }

    /**
     * An f32 tensor of shape {@code shape} holding a copy of {@code data}, for samples built in plain Java:
     * {@code Tensor.of(pixels, 1, 3, 224, 224)}.
     *
     * @param data  the elements in row-major (C) order
     * @param shape the dimensions; none for a scalar
     * @return the tensor
     * @throws IllegalArgumentException if a dimension is negative or the shape does not hold {@code data.length}
     *                                  elements
     */
    public static Tensor of(float[] data, long... shape) {
        return ofFloats(dataShape(shape), data);
    }

    /**
     * An f64 tensor holding a copy of {@code data}.
     *
     * @param data  the elements in row-major order
     * @param shape the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor of(double[] data, long... shape) {
        Shape s = dataShape(shape);
        checkCount(s, data.length);
        ByteBuffer b = allocate(8L * data.length);
        b.asDoubleBuffer().put(data);
        return new Tensor(ElementType.F64, s, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * An i32 tensor holding a copy of {@code data}.
     *
     * @param data  the elements in row-major order
     * @param shape the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor of(int[] data, long... shape) {
        return ofInts(dataShape(shape), data);
    }

    /**
     * An i64 tensor holding a copy of {@code data}.
     *
     * @param data  the elements in row-major order
     * @param shape the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor of(long[] data, long... shape) {
        return ofLongs(dataShape(shape), data);
    }

    /**
     * An i16 tensor holding a copy of {@code data}.
     *
     * @param data  the elements in row-major order
     * @param shape the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor of(short[] data, long... shape) {
        Shape s = dataShape(shape);
        checkCount(s, data.length);
        ByteBuffer b = allocate(2L * data.length);
        b.asShortBuffer().put(data);
        return new Tensor(ElementType.I16, s, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * An i8 tensor holding a copy of {@code data} (Java's signed bytes); see {@link #ofUnsignedBytes} for u8 pixels.
     *
     * @param data  the elements in row-major order
     * @param shape the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor of(byte[] data, long... shape) {
        Shape s = dataShape(shape);
        checkCount(s, data.length);
        return of(ElementType.I8, s, data);
    }

    /**
     * A u8 tensor holding a copy of {@code data}, each byte read as 0..255 (8-bit pixels).
     *
     * @param data  the elements in row-major order
     * @param shape the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor ofUnsignedBytes(byte[] data, long... shape) {
        Shape s = dataShape(shape);
        checkCount(s, data.length);
        return of(ElementType.U8, s, data);
    }

    /**
     * A boolean tensor holding {@code data} (one byte per element, 1 for true).
     *
     * @param data  the elements in row-major order
     * @param shape the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the shape does not hold {@code data.length} elements
     */
    public static Tensor of(boolean[] data, long... shape) {
        Shape s = dataShape(shape);
        checkCount(s, data.length);
        byte[] bytes = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = (byte) (data[i] ? 1 : 0);
        }
        return new Tensor(ElementType.BOOLEAN, s, ByteBuffer.wrap(bytes).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * An f32 tensor holding a copy of {@code values}.
     *
     * @param shape  the shape, static
     * @param values the elements in row-major order, as many as the shape holds
     * @return the tensor
     * @throws IllegalArgumentException if the element count does not match
     */
    public static Tensor ofFloats(Shape shape, float... values) {
        checkCount(shape, values.length);
        ByteBuffer b = allocate(4L * values.length);
        b.asFloatBuffer().put(values);
        return new Tensor(ElementType.F32, shape, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * An f32 tensor of the given dimensions holding a copy of {@code values}.
     *
     * @param values the elements in row-major order, as many as the dimensions hold
     * @param dims   the dimensions
     * @return the tensor
     * @throws IllegalArgumentException if the element count does not match
     */
    public static Tensor ofFloats(float[] values, long... dims) {
        return ofFloats(Shape.of(dims), values);
    }

    /**
     * An i64 tensor holding a copy of {@code values}.
     *
     * @param shape  the shape, static
     * @param values the elements in row-major order, as many as the shape holds
     * @return the tensor
     * @throws IllegalArgumentException if the element count does not match
     */
    public static Tensor ofLongs(Shape shape, long... values) {
        checkCount(shape, values.length);
        ByteBuffer b = allocate(8L * values.length);
        b.asLongBuffer().put(values);
        return new Tensor(ElementType.I64, shape, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * An i32 tensor holding a copy of {@code values}.
     *
     * @param shape  the shape, static
     * @param values the elements in row-major order, as many as the shape holds
     * @return the tensor
     * @throws IllegalArgumentException if the element count does not match
     */
    public static Tensor ofInts(Shape shape, int... values) {
        checkCount(shape, values.length);
        ByteBuffer b = allocate(4L * values.length);
        b.asIntBuffer().put(values);
        return new Tensor(ElementType.I32, shape, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * A tensor of {@code type} whose elements are {@code values} converted (rounded to nearest for integer types,
     * saturated to the type's range; f16/bf16 rounded to nearest even).
     *
     * @param type   the element type
     * @param shape  the shape, static
     * @param values the elements in row-major order, as many as the shape holds
     * @return the tensor
     * @throws IllegalArgumentException if the element count does not match
     */
    public static Tensor fromFloats(ElementType type, Shape shape, float[] values) {
        if (type == ElementType.F32) {
            return ofFloats(shape, values);
        }
        checkCount(shape, values.length);
        ByteBuffer b = allocate(type.byteSize(values.length));
        ElementCodec.encode(type, values, b);
        return new Tensor(type, shape, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * A tensor of zeros.
     *
     * @param type  the element type
     * @param shape the shape, static
     * @return the tensor
     */
    public static Tensor zeros(ElementType type, Shape shape) {
        return new Tensor(type, shape,
                allocate(type.byteSize(shape.elementCount())).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * A 0-d f32 tensor.
     *
     * @param value its only element
     * @return the tensor, of shape {@link Shape#SCALAR}
     */
    public static Tensor scalar(float value) {
        return ofFloats(Shape.SCALAR, value);
    }

    private static Shape dataShape(long[] dims) {
        Shape shape = Shape.of(dims);
        if (!shape.isStatic()) {
            throw new IllegalArgumentException("a tensor needs a static shape, got " + shape);
        }
        return shape;
    }

    private static void checkCount(Shape shape, int count) {
        if (shape.elementCount() != count) {
            throw new IllegalArgumentException("shape " + shape + " holds " + shape.elementCount() + " elements, got "
                    + count + " values");
        }
    }

    private static ByteBuffer allocate(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of " + bytes + " bytes is larger than 2 GiB");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@return the element type} */
    public ElementType elementType() {
        return type;
    }

    /** {@return the shape, always static} */
    public Shape shape() {
        return shape;
    }

    /** {@return the number of elements} */
    public long elementCount() {
        return shape.elementCount();
    }

    /** {@return the size of the data in bytes} */
    public long byteSize() {
        return data.capacity();
    }

    /** {@return the data: a new read-only little-endian buffer over it, positioned at 0} */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * One element as a float.
     *
     * @param index the element's row-major index
     * @return the element, converted to float
     * @throws IndexOutOfBoundsException when {@code index} is outside the tensor
     */
    public float getFloat(long index) {
        return ElementCodec.getFloat(type, data, checkIndex(index));
    }

    /**
     * One element as a long.
     *
     * @param index the element's row-major index
     * @return the element (floats are truncated toward zero)
     * @throws IndexOutOfBoundsException when {@code index} is outside the tensor
     */
    public long getLong(long index) {
        return ElementCodec.getLong(type, data, checkIndex(index));
    }

    private int checkIndex(long index) {
        if (index < 0 || index >= elementCount()) {
            throw new IndexOutOfBoundsException("index " + index + " outside tensor of shape " + shape);
        }
        return (int) index;
    }

    /** {@return a new float array with every element converted to float} */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(elementCount())];
        copyTo(out, 0);
        return out;
    }

    /**
     * Copies every element, converted to float, into an array.
     *
     * @param dst    the array, with room for {@link #elementCount()} elements from {@code offset}
     * @param offset where the first element goes
     */
    public void copyTo(float[] dst, int offset) {
        int n = Math.toIntExact(elementCount());
        if (type == ElementType.F32) {
            data().asFloatBuffer().get(dst, offset, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            dst[offset + i] = ElementCodec.getFloat(type, data, i);
        }
    }

    /** {@return a new double array with every element converted to double (f64 exactly, the other types as float or long)} */
    public double[] toDoubleArray() {
        int n = Math.toIntExact(elementCount());
        double[] out = new double[n];
        if (type == ElementType.F64) {
            data().asDoubleBuffer().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = type.isFloatingPoint() ? ElementCodec.getFloat(type, data, i) : ElementCodec.getLong(type, data, i);
        }
        return out;
    }

    /** {@return a new long array with every element converted to long (floats truncated toward zero)} */
    public long[] toLongArray() {
        int n = Math.toIntExact(elementCount());
        long[] out = new long[n];
        if (type == ElementType.I64) {
            data().asLongBuffer().get(out);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = ElementCodec.getLong(type, data, i);
        }
        return out;
    }

    /** {@return a copy of the raw little-endian bytes} */
    public byte[] toByteArray() {
        byte[] out = new byte[data.capacity()];
        data().get(out);
        return out;
    }

    /**
     * A view with another shape of the same element count, sharing this tensor's data.
     *
     * @param newShape the new shape
     * @return the view
     * @throws IllegalArgumentException when the element counts differ
     */
    public Tensor reshape(Shape newShape) {
        if (newShape.elementCount() != elementCount()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " to " + newShape);
        }
        return new Tensor(type, newShape, data);
    }

    /**
     * A view of some rows of axis 0, sharing this tensor's data.
     *
     * @param from the first row
     * @param to   the row after the last one
     * @return the view of rows {@code [from, to)}
     * @throws IndexOutOfBoundsException when the rows are outside axis 0 or the tensor is a scalar
     * @throws UnsupportedOperationException for packed element types
     */
    public Tensor slice(int from, int to) {
        if (shape.rank() == 0 || from < 0 || to > shape.dim(0) || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + "," + to + ") outside axis 0 of shape " + shape);
        }
        if (type.isPacked()) {
            throw new UnsupportedOperationException("slicing a packed " + type.irName() + " tensor");
        }
        long rowElements = shape.dim(0) == 0 ? 0 : elementCount() / shape.dim(0);
        int rowBytes = (int) type.byteSize(rowElements);
        ByteBuffer b = data();
        b.position(from * rowBytes).limit(to * rowBytes);
        return new Tensor(type, shape.withDim(0, to - from), b.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * This tensor with another element type, converted through float as {@link #fromFloats} does.
     *
     * @param target the element type wanted
     * @return a new tensor, or this one when the type already matches
     */
    public Tensor convert(ElementType target) {
        if (target == type) {
            return this;
        }
        return fromFloats(target, shape, toFloatArray());
    }

    /**
     * Stacks tensors of equal type and trailing shape along axis 0 (the batch axis), copying their data.
     *
     * @param parts the tensors to stack, at least one
     * @return the stacked tensor; the only part itself when there is one
     * @throws IllegalArgumentException if types or shapes beyond axis 0 differ
     */
    public static Tensor concatBatch(java.util.List<Tensor> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        Tensor first = parts.get(0);
        if (parts.size() == 1) {
            return first;
        }
        long rows = 0;
        long bytes = 0;
        for (Tensor t : parts) {
            if (t.type != first.type || t.shape.rank() != first.shape.rank() || t.shape.rank() == 0
                    || !Arrays.equals(Arrays.copyOfRange(t.shape.dims(), 1, t.shape.rank()),
                            Arrays.copyOfRange(first.shape.dims(), 1, first.shape.rank()))) {
                throw new IllegalArgumentException("cannot batch a " + t.type.irName() + t.shape + " tensor with a "
                        + first.type.irName() + first.shape + " tensor");
            }
            rows += t.shape.dim(0);
            bytes += t.byteSize();
        }
        ByteBuffer b = allocate(bytes);
        for (Tensor t : parts) {
            b.put(t.data());
        }
        b.flip();
        return new Tensor(first.type, first.shape.withDim(0, rows), b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /**
     * Compares contents; {@code equals} is identity.
     *
     * @param other another tensor
     * @return true when type, shape and bytes are all equal
     */
    public boolean contentEquals(Tensor other) {
        return type == other.type && shape.equals(other.shape) && data().equals(other.data());
    }

    @Override
    public String toString() {
        return "Tensor[" + type.irName() + shape + "]";
    }
}
