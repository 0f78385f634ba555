package org.pot4j.api.tensor;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A tensor shape. Dimensions are non-negative, or {@link #DYNAMIC} (-1) in model port shapes whose size is known
 * only at run time; tensors always have static shapes.
 */
public final class Shape {
    /** The marker of a dynamic dimension. */
    public static final long DYNAMIC = -1;
    /** The shape of a scalar. */
    public static final Shape SCALAR = new Shape(new long[0]);

    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with these dimensions.
     *
     * @param dims the dimensions (copied), each 0 or more or {@link #DYNAMIC}
     * @return the shape
     * @throws IllegalArgumentException if a dimension is below -1
     */
    public static Shape of(long... dims) {
        for (long d : dims) {
            if (d < DYNAMIC) {
                throw new IllegalArgumentException("invalid dimension " + d + " in shape " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /**
     * A shape with these int dimensions.
     *
     * @param dims the dimensions, each 0 or more or {@link #DYNAMIC}
     * @return the shape
     * @throws IllegalArgumentException if a dimension is below -1
     */
    public static Shape of(int... dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return of(l);
    }

    /** {@return the number of dimensions} */
    public int rank() {
        return dims.length;
    }

    /**
     * One dimension.
     *
     * @param axis the axis; negative counts from the end ({@code -1} is the last)
     * @return its size, or {@link #DYNAMIC}
     */
    public long dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    /** {@return a copy of the dimensions} */
    public long[] dims() {
        return dims.clone();
    }

    /**
     * The dimensions as ints.
     *
     * @return a new array of the dimensions
     * @throws IllegalStateException when a dimension is dynamic or too large for an int
     */
    public int[] intDims() {
        int[] r = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalStateException("shape " + this + " is not static or too large");
            }
            r[i] = (int) dims[i];
        }
        return r;
    }

    /** {@return true when no dimension is {@link #DYNAMIC}} */
    public boolean isStatic() {
        for (long d : dims) {
            if (d == DYNAMIC) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of elements of a tensor of this shape.
     *
     * @return the product of the dimensions (1 for a scalar)
     * @throws IllegalStateException when the shape is dynamic
     * @throws ArithmeticException when the product overflows a long
     */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            if (d == DYNAMIC) {
                throw new IllegalStateException("shape " + this + " is dynamic");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * This shape with one dimension replaced; this shape is unchanged.
     *
     * @param axis  the axis; negative counts from the end
     * @param value the new size, 0 or more or {@link #DYNAMIC}
     * @return the new shape
     */
    public Shape withDim(int axis, long value) {
        long[] d = dims.clone();
        d[axis < 0 ? d.length + axis : axis] = value;
        return of(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [1,3,224,224]}, dynamic dimensions as {@code ?}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (long d : dims) {
            j.add(d == DYNAMIC ? "?" : Long.toString(d));
        }
        return j.toString();
    }
}
