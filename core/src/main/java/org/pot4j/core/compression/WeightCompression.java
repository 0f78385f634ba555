package org.pot4j.core.compression;

/**
 * POT's weight compression (POT_SPEC §10): a weight Const behind a FakeQuantize with {@code 2 < L <= 256} becomes
 * int8 values, a scale and (unless it is zero or can be folded) a zero point, as MO's {@code CompressQuantizeWeights}
 * and {@code ZeroPointOptimizer} do. Arithmetic in float32 with round-half-up, as MO's constant folding.
 */
public final class WeightCompression {
    private WeightCompression() {
    }

    /** True when a FakeQuantize with {@code levels} levels on weights is compressed (16-bit GNA weights are not). */
    public static boolean compressible(long levels) {
        return levels > 2 && levels <= 256;
    }

    /**
     * Compresses {@code weights} (channel-major: channel c owns elements {@code [c*per, (c+1)*per)}) quantized by a
     * FakeQuantize with ranges given per channel (or one value each).
     */
    public static CompressedWeights compress(float[] weights, int channels, float[] inputLow, float[] inputHigh,
                                             float[] outputLow, float[] outputHigh, long levels) {
        if (channels < 1 || weights.length % channels != 0) {
            throw new IllegalArgumentException(weights.length + " weights do not split into " + channels + " channels");
        }
        return compress(weights, channels, weights.length / channels, inputLow, inputHigh, outputLow, outputHigh, levels);
    }

    /**
     * Compresses {@code weights} whose element {@code i} belongs to channel {@code (i / inner) % channels} (the
     * channel axis anywhere: {@code inner} is the product of the dimensions after it), quantized by a FakeQuantize
     * with ranges given per channel (or one value each).
     */
    public static CompressedWeights compress(float[] weights, int channels, int inner, float[] inputLow,
                                             float[] inputHigh, float[] outputLow, float[] outputHigh, long levels) {
        if (!compressible(levels)) {
            throw new IllegalArgumentException("weights with " + levels + " levels are not compressed to int8");
        }
        if (channels < 1 || inner < 1 || weights.length % ((long) channels * inner) != 0) {
            throw new IllegalArgumentException(weights.length + " weights do not split into " + channels
                    + " channels of runs of " + inner);
        }
        long iMin = -(levels / 2);
        long iMax = levels + iMin - 1;
        int ranges = Math.max(Math.max(inputLow.length, inputHigh.length), Math.max(outputLow.length, outputHigh.length));
        if (ranges != 1 && ranges != channels) {
            throw new IllegalArgumentException("ranges of " + ranges + " values for " + channels + " channels");
        }
        byte[] q = new byte[weights.length];
        for (int k = 0; k < weights.length; k++) {
            int r = ranges == 1 ? 0 : (k / inner) % channels;
            q[k] = (byte) quantize(weights[k], at(inputLow, r), at(inputHigh, r), levels, iMin);
        }
        float[] scale = new float[ranges];
        float[] zp = new float[ranges];
        for (int r = 0; r < ranges; r++) {
            float ol = at(outputLow, r);
            float oh = at(outputHigh, r);
            scale[r] = (oh - ol) / (float) (iMax - iMin);
            zp[r] = scale[r] == 0f ? 0f : iMin - ol / scale[r];
        }
        return optimizeZeroPoint(q, ranges == 1 ? 1 : channels, ranges == 1 ? 1 : inner, scale, zp);
    }

    /** {@code i_min + floor((clip(w, il, ih) - il) / (ih - il) * (L - 1) + 0.5)}: values at or below il give i_min. */
    static long quantize(float w, float il, float ih, long levels, long iMin) {
        if (w <= Math.min(il, ih)) {
            return iMin;
        }
        if (w > Math.max(il, ih)) {
            return iMin + levels - 1;
        }
        float normalized = (w - il) / (ih - il) * (levels - 1);
        return iMin + (long) Math.floor(normalized + 0.5f);
    }

    /**
     * MO's ZeroPointOptimizer: drop the Subtract when every zero point is (close to) zero; otherwise fold integer zero
     * points into the values when no value overflows int8; otherwise keep the Subtract.
     */
    static CompressedWeights optimizeZeroPoint(byte[] q, int channels, int inner, float[] scale, float[] zp) {
        boolean allZero = true;
        for (float z : zp) {
            allZero &= Math.abs(z) <= 1e-8;  // numpy allclose(zp, 0): |zp| <= atol
        }
        if (allZero) {
            return new CompressedWeights(q, scale, new float[zp.length], false);
        }
        boolean integral = true;
        for (float z : zp) {
            integral &= Math.abs(z - Math.rint(z)) <= 1e-4;
        }
        if (integral) {
            byte[] shifted = new byte[q.length];
            boolean overflow = false;
            for (int k = 0; k < q.length && !overflow; k++) {
                long z = (long) Math.rint(zp[zp.length == 1 ? 0 : (k / inner) % channels]);
                long v = q[k] - z;
                overflow = v < Byte.MIN_VALUE || v > Byte.MAX_VALUE;
                shifted[k] = (byte) v;
            }
            if (!overflow) {
                return new CompressedWeights(shifted, scale, new float[zp.length], false);
            }
        }
        return new CompressedWeights(q, scale, zp, true);
    }

    private static float at(float[] values, int i) {
        return values[values.length == 1 ? 0 : i];
    }
}
