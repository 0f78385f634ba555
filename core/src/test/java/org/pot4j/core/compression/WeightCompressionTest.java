package org.pot4j.core.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The worked examples of POT_SPEC §10, exactly. */
class WeightCompressionTest {
    @Test
    void symmetricWeightsNeedNoSubtract() {
        CompressedWeights c = WeightCompression.compress(new float[] {0.3f}, 1, new float[] {-0.5f},
                new float[] {0.5f}, new float[] {-0.5f}, new float[] {0.5f}, 255);
        assertEquals(76, c.values()[0]);
        assertEquals(1f / 254, c.scale()[0], 1e-9);
        assertFalse(c.needsSubtract());
        assertEquals(0.29921f, c.dequantize(0, 0), 1e-5);
    }

    @Test
    void saturationFixedWeightsUseHalfTheGrid() {
        // stored W/2 = 0.15, il=-0.5, ih=0.5, ol=-1.0, oh=1.0
        CompressedWeights c = WeightCompression.compress(new float[] {0.15f}, 1, new float[] {-0.5f},
                new float[] {0.5f}, new float[] {-1f}, new float[] {1f}, 255);
        assertEquals(38, c.values()[0]);
        assertEquals(1f / 127, c.scale()[0], 1e-9);
        assertFalse(c.needsSubtract());
        assertEquals(38f / 127, c.dequantize(0, 0), 1e-7);
    }

    @Test
    void asymmetricWeightsKeepTheSubtractWhenFoldingOverflows() {
        float lo = -0.3f;
        float hi = 2.0181818f;
        CompressedWeights c = WeightCompression.compress(new float[] {2.0f, -0.3f, 0f}, 1, new float[] {lo},
                new float[] {hi}, new float[] {lo}, new float[] {hi}, 256);
        assertEquals(0.0090909f, c.scale()[0], 1e-7);
        assertEquals(-95f, c.zeroPoint()[0], 1e-3);
        assertTrue(c.needsSubtract(), "q + 95 overflows int8");
        assertEquals(-128, c.values()[1]);
        assertEquals(0f, c.dequantize(2, 0), 1e-6);
        assertEquals(2.0f, c.dequantize(0, 0), c.scale()[0] / 2);
    }

    @Test
    void integerZeroPointsAreFoldedWhenTheyFit() {
        // range [-0.1, 0.155] over 256 levels: scale 0.001, zero point -128 + 100 = -28
        CompressedWeights c = WeightCompression.compress(new float[] {0.0f, 0.01f}, 1, new float[] {-0.1f},
                new float[] {0.155f}, new float[] {-0.1f}, new float[] {0.155f}, 256);
        assertFalse(c.needsSubtract());
        assertEquals(0f, c.dequantize(0, 0), 1e-6);
        assertEquals(0.01f, c.dequantize(1, 0), 1e-6);
    }

    @Test
    void valuesOutsideTheRangeSaturate() {
        CompressedWeights c = WeightCompression.compress(new float[] {-9f, 9f}, 2, new float[] {-1f, -1f},
                new float[] {1f, 1f}, new float[] {-1f, -1f}, new float[] {1f, 1f}, 255);
        assertEquals(-127, c.values()[0]);
        assertEquals(127, c.values()[1]);
    }

    @Test
    void theChannelAxisMayBeLast() {
        // MatMul weights [K=2, N=3]: channel = column; column 2 has range [-2, 2], the others [-1, 1]
        float[] w = {1f, 1f, 2f, -1f, -1f, -2f};
        CompressedWeights c = WeightCompression.compress(w, 3, 1, new float[] {-1f, -1f, -2f}, new float[] {1f, 1f, 2f},
                new float[] {-1f, -1f, -2f}, new float[] {1f, 1f, 2f}, 255);
        for (int i = 0; i < w.length; i++) {
            assertEquals(127 * (int) Math.signum(w[i]), c.values()[i], "element " + i);
            assertEquals(w[i], c.dequantize(i, i % 3), 1e-6);
        }
    }
}
