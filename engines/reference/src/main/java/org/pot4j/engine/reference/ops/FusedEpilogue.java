package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.loops.FloatLoops;

/**
 * What a convolution or MatMul applies to its output as it writes it: an optional scale (a per-channel Multiply or
 * a folded BatchNormInference), an optional bias (one value per channel or column, or one for all) and an optional
 * activation: clamp to {@code [lo, hi]} (ReLU is {@code [0, +inf)}) or
 * PReLU with a slope per channel (or one for all). Applied with the same float operations as the unfused Add and
 * activation kernels, so fused and unfused results are bit-identical.
 */
public final class FusedEpilogue {
    enum Activation { NONE, CLAMP, PRELU }

    private final float[] scale;
    private final float[] bias;
    private final Activation activation;
    private final float lo;
    private final float hi;
    private final float[] slopes;
    private final String label;

    private FusedEpilogue(float[] scale, float[] bias, Activation activation, float lo, float hi, float[] slopes,
                          String label) {
        this.scale = scale;
        this.bias = bias;
        this.activation = activation;
        this.lo = lo;
        this.hi = hi;
        this.slopes = slopes;
        this.label = label;
    }

    static FusedEpilogue none() {
        return new FusedEpilogue(null, null, Activation.NONE, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, null, "");
    }

    boolean hasBias() {
        return bias != null;
    }

    boolean hasScale() {
        return scale != null;
    }

    /** {@code c * s} first (a per-channel Multiply; with {@code b}, a folded BatchNorm: {@code c * s + b}). */
    FusedEpilogue withScale(float[] s, float[] b, String kind) {
        return new FusedEpilogue(s, b, activation, lo, hi, slopes, label + "+" + kind);
    }

    boolean hasActivation() {
        return activation != Activation.NONE;
    }

    FusedEpilogue withBias(float[] b, String kind) {
        return new FusedEpilogue(scale, b, activation, lo, hi, slopes, label + "+" + kind);
    }

    FusedEpilogue withClamp(float min, float max, String kind) {
        return new FusedEpilogue(scale, bias, Activation.CLAMP, min, max, null, label + "+" + kind);
    }

    FusedEpilogue withPrelu(float[] s, String kind) {
        return new FusedEpilogue(scale, bias, Activation.PRELU, lo, hi, s, label + "+" + kind);
    }

    /** The fused op kinds, e.g. {@code "+Add+ReLU"}. */
    public String label() {
        return label;
    }

    /**
     * Checks the per-channel (or per-column) operands against the actual channel count of the output.
     *
     * @throws IllegalArgumentException as the unfused op would fail: the operand does not broadcast
     */
    void check(int channels) {
        if (scale != null && scale.length != 1 && scale.length != channels) {
            throw new IllegalArgumentException("fused scale of " + scale.length + " values does not broadcast to "
                    + channels + " channels");
        }
        if (bias != null && bias.length != 1 && bias.length != channels) {
            throw new IllegalArgumentException("fused bias of " + bias.length + " values does not broadcast to "
                    + channels + " channels");
        }
        if (slopes != null && slopes.length != 1 && slopes.length != channels) {
            throw new IllegalArgumentException("fused PReLU slope of " + slopes.length + " values does not broadcast to "
                    + channels + " channels");
        }
    }

    /** Applies to {@code n} values of channel {@code channel} at {@code c[off...]}. */
    void applyChannel(FloatLoops loops, float[] c, int off, int n, int channel) {
        if (scale != null) {
            // -0f adds nothing to any value (a zero keeps its sign), as if there were no Add
            float b = bias == null ? -0f : bias[bias.length == 1 ? 0 : channel];
            float s = scale[scale.length == 1 ? 0 : channel];
            if (activation == Activation.PRELU) {
                loops.scaleBiasClamp(c, off, n, s, b, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
                loops.biasPrelu(c, off, n, -0f, slopes[slopes.length == 1 ? 0 : channel]);
            } else {
                loops.scaleBiasClamp(c, off, n, s, b, lo, hi);
            }
            return;
        }
        float b = bias == null ? -0f : bias[bias.length == 1 ? 0 : channel];
        if (activation == Activation.PRELU) {
            loops.biasPrelu(c, off, n, b, slopes[slopes.length == 1 ? 0 : channel]);
        } else if (bias != null || activation == Activation.CLAMP) {
            if (bias == null) {
                loops.clamp(c, off, c, off, n, lo, hi);
            } else {
                loops.biasClamp(c, off, n, b, lo, hi);
            }
        }
    }

    /** Applies to {@code n} values of one output row whose first column is {@code col} (per-column bias). */
    void applyColumns(FloatLoops loops, float[] c, int off, int col, int n) {
        if (bias != null && bias.length > 1) {
            // per-column fusion never takes a PReLU (EpilogueFusion), so this is bias + clamp
            loops.rowBiasClamp(c, off, bias, col, n, lo, hi);
        } else {
            applyChannel(loops, c, off, n, 0);
        }
    }
}
