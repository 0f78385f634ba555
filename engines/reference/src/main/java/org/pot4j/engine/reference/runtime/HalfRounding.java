package org.pot4j.engine.reference.runtime;

/**
 * Rounds floats to the nearest IEEE binary16 (f16) value, ties to even, and returns them as floats: what storing a
 * value in an FP16 tensor and reading it back does. Gives exactly {@code f16ToFloat(floatToF16(x))} of the api's
 * {@link org.pot4j.api.tensor.HalfFloats} (subnormal f16 values kept, beyond 65504 infinities, NaN stays NaN), with
 * bit operations instead of a round trip through 16-bit codes.
 */
public final class HalfRounding {
    /** |x| from which a float rounds to infinity: 65520, halfway between f16's largest 65504 and 65536. */
    private static final int OVERFLOW_BITS = 0x477ff000;
    /** |x| of f16's smallest normal number, 2^-14: below it f16 steps are 2^-24 apart. */
    private static final int MIN_NORMAL_BITS = 0x38800000;

    private HalfRounding() {
    }

    /**
     * The f16 value nearest {@code x}, ties to even.
     *
     * @param x any float
     * @return a float that f16 represents exactly
     */
    public static float round(float x) {
        int bits = Float.floatToRawIntBits(x);
        int abs = bits & 0x7fffffff;
        int sign = bits & 0x80000000;
        if (abs >= 0x7f800000) {
            return x;
        }
        if (abs >= OVERFLOW_BITS) {
            return Float.intBitsToFloat(sign | 0x7f800000);
        }
        if (abs >= MIN_NORMAL_BITS) {
            // keep 10 of the 23 mantissa bits: add just under half an f16 step, plus the kept lowest bit for ties
            int r = (abs + 0xfff + ((abs >>> 13) & 1)) & 0xffffe000;
            return Float.intBitsToFloat(sign | r);
        }
        // f16 subnormal range: multiples of 2^-24 (the scaling by 2^24 is exact; rint rounds ties to even)
        float q = (float) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f) * 0x1p-24f;
        return Float.intBitsToFloat(sign | Float.floatToRawIntBits(q));
    }

    /**
     * Rounds every element in place.
     *
     * @param a the values
     */
    public static void roundInPlace(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = round(a[i]);
        }
    }

    /**
     * Whether {@code x} is an f16 value (rounding leaves it unchanged; NaN counts as one).
     *
     * @param x any float
     * @return true when f16 represents {@code x} exactly
     */
    public static boolean isHalf(float x) {
        return Float.isNaN(x) || Float.floatToRawIntBits(round(x)) == Float.floatToRawIntBits(x);
    }
}
