package org.pot4j.engine.reference.loops;

/**
 * Inner loops over contiguous runs of floats ({@code n} elements from the given offsets). Both implementations
 * compute every element with the same float operations in the same order, so their results are bit-identical
 * (tests compare them against direct loops).
 */
public interface FloatLoops {
    /** The binary operations with a hand-written loop. */
    enum BinaryOp {
        ADD, SUBTRACT, MULTIPLY, DIVIDE, MAXIMUM, MINIMUM;

        /** The scalar definition every loop must reproduce. */
        public float apply(float a, float b) {
            switch (this) {
                case ADD: return a + b;
                case SUBTRACT: return a - b;
                case MULTIPLY: return a * b;
                case DIVIDE: return a / b;
                case MAXIMUM: return Math.max(a, b);
                default: return Math.min(a, b);
            }
        }
    }

    /** {@code "vector-256"} or {@code "scalar"}. */
    String name();

    /**
     * {@code out[o+i] = op(x[xo + i*sx], y[yo + i*sy])}, strides 0 (a broadcast scalar) or 1.
     */
    void binary(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, float[] out, int o, int n);

    /** {@code out[o+i] = min(max(src[so+i], lo), hi)}: ReLU is {@code lo = 0, hi = +inf}. */
    void clamp(float[] src, int so, float[] out, int o, int n, float lo, float hi);

    /** In place {@code c = min(max(c + bias, lo), hi)}: the fused bias + ReLU/Clamp epilogue of one channel. */
    void biasClamp(float[] c, int off, int n, float bias, float lo, float hi);

    /**
     * In place {@code c = min(max(c * scale + bias, lo), hi)} (multiply, then add: a folded BatchNorm or a per-channel
     * Multiply fused into a convolution; {@code bias = -0f} adds nothing, also to a zero).
     */
    void scaleBiasClamp(float[] c, int off, int n, float scale, float bias, float lo, float hi);

    /** In place {@code v = c + bias; c = v < 0 ? v * slope : v}: the fused bias + PReLU epilogue of one channel. */
    void biasPrelu(float[] c, int off, int n, float bias, float slope);

    /** In place {@code c[off+i] = min(max(c[off+i] + bias[bo+i], lo), hi)}: a per-column bias (MatMul rows). */
    void rowBiasClamp(float[] c, int off, float[] bias, int bo, int n, float lo, float hi);

    /** {@code y[yo+i] += w * x[xo+i]} (depthwise convolution rows; multiply then add, not fused). */
    void axpy(float w, float[] x, int xo, float[] y, int yo, int n);

    /**
     * {@code s = 0; s = fma(w[wo+t], x[xOff[t]+i], s)} for {@code t = 0..taps-1}; {@code out[o+i] = s}: all taps of a
     * direct convolution in one pass, the sum kept in a register, each step one fused multiply-add (one rounding,
     * {@link Math#fma} in the plain loop).
     */
    void taps(float[] w, int wo, float[] x, int[] xOff, int taps, float[] out, int o, int n);

    /**
     * {@link #taps} for four outputs {@code k = 0..3} at once, sharing each input load: output {@code k}'s weights
     * start at {@code wo + k * wStride} and its results at {@code o + k * oStride}.
     */
    void taps4(float[] w, int wo, int wStride, float[] x, int[] xOff, int taps, float[] out, int o, int oStride, int n);

    /**
     * FakeQuantize with scalar ranges: {@code x <= min(il,ih) -> ol; x > max(il,ih) -> oh; else
     * rint((x-il)/(ih-il)*(levels-1))/(levels-1)*(oh-ol)+ol}.
     */
    void fakeQuantize(float[] src, int so, float[] out, int o, int n, float il, float ih, float ol, float oh, int levels);

    /** The scalar FakeQuantize of one element: the definition both loops follow. */
    static float fakeQuantize(float x, float il, float ih, float ol, float oh, int levels) {
        if (x <= Math.min(il, ih)) {
            return ol;
        }
        if (x > Math.max(il, ih)) {
            return oh;
        }
        float q = (float) Math.rint((x - il) / (ih - il) * (levels - 1));
        return q / (levels - 1) * (oh - ol) + ol;
    }
}
