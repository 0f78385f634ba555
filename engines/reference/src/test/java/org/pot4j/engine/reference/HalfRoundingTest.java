package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pot4j.api.tensor.HalfFloats;
import org.pot4j.engine.reference.runtime.HalfRounding;

/** The bit-trick FP16 rounding against the api's round trip through f16 codes. */
class HalfRoundingTest {
    private static float viaCodes(float x) {
        return HalfFloats.f16ToFloat(HalfFloats.floatToF16(x));
    }

    private static void same(float x) {
        float want = viaCodes(x);
        float got = HalfRounding.round(x);
        if (Float.isNaN(want)) {
            assertTrue(Float.isNaN(got), "NaN stays NaN");
            return;
        }
        assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
                "round(" + x + " = 0x" + Integer.toHexString(Float.floatToRawIntBits(x)) + ")");
    }

    @Test
    void agreesWithTheRoundTripThroughF16Codes() {
        SplittableRandom r = new SplittableRandom(17);
        for (int i = 0; i < 2_000_000; i++) {
            same(Float.intBitsToFloat(r.nextInt()));
        }
        // the whole range f16 covers, densely: every float bit pattern with |x| in [2^-26, 2^17), step 97
        for (int bits = 0x32800000; bits < 0x48000000; bits += 97) {
            same(Float.intBitsToFloat(bits));
            same(-Float.intBitsToFloat(bits));
        }
    }

    @Test
    void edgesTiesAndOverflow() {
        for (float x : new float[] {0f, -0f, 1f, 2049f, 2051f, 65504f, 65519.99f, 65520f, -65520f, 0x1p-14f,
                0x1p-24f, 0x1p-25f, 0x1.8p-25f, 0x1p-26f, 3 * 0x1p-25f, Float.MIN_VALUE, Float.MAX_VALUE,
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN}) {
            same(x);
        }
        assertEquals(2048f, HalfRounding.round(2049f), "a tie goes to the even neighbour");
        assertEquals(2052f, HalfRounding.round(2051f), "a tie goes to the even neighbour");
        assertEquals(65504f, HalfRounding.round(65519f));
        assertEquals(Float.POSITIVE_INFINITY, HalfRounding.round(65520f));
        assertEquals(0f, HalfRounding.round(0x1p-25f), "half the smallest subnormal ties to zero");
        assertEquals(0x1p-24f, HalfRounding.round(0x1.8p-25f));
        assertTrue(HalfRounding.isHalf(0.5f));
        assertFalse(HalfRounding.isHalf(0.1f));
    }
}
