package org.pot4j.api.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {
    @Test
    void knownF16Encodings() {
        assertEquals((short) 0x3c00, HalfFloats.floatToF16(1f));
        assertEquals((short) 0xc000, HalfFloats.floatToF16(-2f));
        assertEquals((short) 0x7bff, HalfFloats.floatToF16(65504f));
        assertEquals((short) 0x7c00, HalfFloats.floatToF16(1e6f));
        assertEquals((short) 0x0001, HalfFloats.floatToF16(0x1p-24f));
        assertEquals(0x1p-24f, HalfFloats.f16ToFloat((short) 0x0001));
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(Float.NaN))));
    }

    @Test
    void everyF16ValueRoundTrips() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float f = HalfFloats.f16ToFloat((short) bits);
            if (!Float.isNaN(f)) {
                assertEquals((short) bits, HalfFloats.floatToF16(f), "bits " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void f16RoundsHalfToEven() {
        // 1 + 2^-11 lies halfway between 1 and the next f16 (1 + 2^-10): ties go to the even mantissa (1.0)
        assertEquals((short) 0x3c00, HalfFloats.floatToF16(1f + 0x1p-11f));
        // 1 + 3*2^-11 lies halfway between 1+2^-10 (odd) and 1+2^-9 (even)
        assertEquals((short) 0x3c02, HalfFloats.floatToF16(1f + 3 * 0x1p-11f));
    }

    @Test
    void bf16KeepsTheHighHalf() {
        assertEquals((short) 0x3f80, HalfFloats.floatToBf16(1f));
        assertEquals(1f, HalfFloats.bf16ToFloat((short) 0x3f80));
        assertEquals(3.140625f, HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(3.14159f)));
    }
}
