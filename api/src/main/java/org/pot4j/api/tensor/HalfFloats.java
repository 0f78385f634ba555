package org.pot4j.api.tensor;

/** Conversions between {@code float} and the 16-bit formats f16 (IEEE 754 binary16) and bf16 (bfloat16). */
public final class HalfFloats {
    private HalfFloats() {
    }

    /**
     * Decodes IEEE binary16 bits to float, exactly (subnormals, infinities and NaN included).
     *
     * @param bits the f16 bits
     * @return the same value as a float
     */
    public static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal: value = mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * Encodes a float as IEEE binary16 with round-to-nearest-even, as numpy's {@code astype(float16)}.
     *
     * @param value the float
     * @return the f16 bits; values beyond the f16 range become infinities
     */
    public static short floatToF16(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exp = (f >>> 23) & 0xff;
        int mant = f & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1fff;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++;
        }
        return (short) (sign | half);
    }

    /**
     * Decodes bfloat16 bits, exactly.
     *
     * @param bits the bf16 bits: the high half of a float
     * @return the value as a float
     */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /**
     * Encodes a float as bfloat16 with round-to-nearest-even (NaN stays NaN).
     *
     * @param value the float
     * @return the bf16 bits
     */
    public static short floatToBf16(float value) {
        int f = Float.floatToRawIntBits(value);
        if ((f & 0x7f800000) == 0x7f800000 && (f & 0x7fffff) != 0) {
            return (short) ((f >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((f >>> 16) & 1);
        return (short) ((f + rounding) >>> 16);
    }
}
