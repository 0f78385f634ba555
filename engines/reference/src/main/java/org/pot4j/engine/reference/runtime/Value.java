package org.pot4j.engine.reference.runtime;

import java.util.Arrays;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A tensor while the engine runs: a row-major {@code float[]} (every floating type is computed in f32) or a
 * {@code long[]} (integer and boolean types: shape arithmetic, indices), and its static shape.
 * Values are treated as immutable once produced; several values may share one array (reshape views).
 */
public final class Value {
    private final int[] shape;
    private final float[] floats;
    private final long[] longs;

    private Value(int[] shape, float[] floats, long[] longs) {
        this.shape = shape;
        this.floats = floats;
        this.longs = longs;
        int n = Dims.count(shape);
        int len = floats != null ? floats.length : longs.length;
        if (len != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " elements, got " + len);
        }
    }

    public static Value ofFloats(int[] shape, float[] data) {
        return new Value(shape.clone(), data, null);
    }

    public static Value ofLongs(int[] shape, long[] data) {
        return new Value(shape.clone(), null, data);
    }

    /** A 0-d float. */
    public static Value scalar(float v) {
        return ofFloats(new int[0], new float[] {v});
    }

    /** The value of a tensor: floating types as floats, every other type as longs. */
    public static Value of(Tensor t) {
        int[] dims = t.shape().intDims();
        if (t.elementType().isFloatingPoint()) {
            return ofFloats(dims, t.toFloatArray());
        }
        return ofLongs(dims, t.toLongArray());
    }

    public boolean isFloat() {
        return floats != null;
    }

    /** The shape (do not modify). */
    public int[] shape() {
        return shape;
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** The float data (do not modify); long values are converted into a new array. */
    public float[] floats() {
        if (floats != null) {
            return floats;
        }
        float[] out = new float[longs.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = longs[i];
        }
        return out;
    }

    /** The long data (do not modify); float values are truncated into a new array. */
    public long[] longs() {
        if (longs != null) {
            return longs;
        }
        long[] out = new long[floats.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (long) floats[i];
        }
        return out;
    }

    /** The backing array, float[] or long[], for element-type-agnostic copies. */
    public Object array() {
        return floats != null ? floats : longs;
    }

    /** A value with the same data and another shape of equal element count (no copy). */
    public Value reshape(int[] newShape) {
        return new Value(newShape.clone(), floats, longs);
    }

    /** A value of the same element kind over {@code data} (a float[] or long[] matching this kind). */
    public Value withData(int[] newShape, Object data) {
        return floats != null ? ofFloats(newShape, (float[]) data) : ofLongs(newShape, (long[]) data);
    }

    /** A new array of this value's kind with {@code n} elements. */
    public Object newArray(int n) {
        return floats != null ? new float[n] : new long[n];
    }

    /** A copy as an API tensor: f32 for floats, i64 for longs. */
    public Tensor toTensor() {
        Shape s = Shape.of(shape);
        return floats != null ? Tensor.ofFloats(s, floats) : Tensor.ofLongs(s, longs);
    }

    /** The element type {@link #toTensor()} produces. */
    public ElementType elementType() {
        return floats != null ? ElementType.F32 : ElementType.I64;
    }

    @Override
    public String toString() {
        return (floats != null ? "f32" : "i64") + Arrays.toString(shape);
    }
}
