package org.pot4j.quantization.range;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The worked examples of POT_SPEC §8.4, exactly. */
class RangeFormulasTest {
    @Test
    void unsignedSymmetricActivationsStartAtZero() {
        // per-sample abs_max [2, 4] aggregated by mean = 3.0; per-sample min [0, 0.5] aggregated by min = 0
        QuantizationRange r = RangeFormulas.symmetricActivations(new double[] {3.0}, new double[] {0.0}, 256, false);
        assertArrayEquals(new double[] {0.0}, r.low());
        assertArrayEquals(new double[] {3.0}, r.high());
    }

    @Test
    void signedSymmetricActivationsPutZeroOnTheGrid() {
        QuantizationRange r = RangeFormulas.symmetricActivations(new double[] {3.0}, new double[] {-1.0}, 256, false);
        assertEquals(-3.0236220472440944, r.low()[0], 0.0);
        assertEquals(3.0, r.high()[0], 0.0);
        assertEquals(0.023622047244094488, (r.high()[0] - r.low()[0]) / 255, 1e-17);
        assertEquals(3.0 / 127, (r.high()[0] - r.low()[0]) / 255, 1e-17);
    }

    @Test
    void signedSchemeIsSignedEvenForPositiveData() {
        QuantizationRange r = RangeFormulas.symmetricActivations(new double[] {3.0}, new double[] {0.5}, 256, true);
        assertEquals(-3.0236220472440944, r.low()[0], 0.0);
    }

    @Test
    void tuneRangeMovesTheHighEnd() {
        double[] r = RangeFormulas.tuneRange(-0.3, 2.0, 8, Double.NaN);
        assertEquals(-0.3, r[0], 0.0);
        assertEquals(2.018181818181818, r[1], 1e-15);
    }

    @Test
    void tuneRangeMovesTheLowEnd() {
        double[] r = RangeFormulas.tuneRange(-1.0, 0.74, 8, Double.NaN);
        assertEquals(-1.0072222222222222, r[0], 1e-15);
        assertEquals(0.74, r[1], 0.0);
    }

    @Test
    void tuneRangeKeepsTheLowEndWhenThatIsWider() {
        double[] r = RangeFormulas.tuneRange(-1.0, 0.72, 8, Double.NaN);
        assertEquals(-1.0, r[0], 0.0);
        assertEquals(0.722972972972973, r[1], 1e-15);
    }

    @Test
    void asymmetricRangesIncludeZeroAndWidenEmptyRanges() {
        QuantizationRange r = RangeFormulas.asymmetric(new double[] {0.5, -0.3}, new double[] {1.0, 2.0}, 8, false);
        assertEquals(0.0, r.low()[0], 0.0);
        assertEquals(1.0, r.high()[0], 0.0);
        assertEquals(2.018181818181818, r.high()[1], 1e-15);
        QuantizationRange empty = RangeFormulas.asymmetric(new double[] {0.0}, new double[] {0.0}, 8, false);
        assertTrue(empty.high()[0] > 0 && empty.low()[0] < 0, "an empty range is widened around zero");
    }

    @Test
    void zeroWeightRangesAreFixed() {
        assertArrayEquals(new double[] {0.5, 0.005, 0.005},
                RangeFormulas.fixZeroSymmetric(new double[] {0.5, 0.001, 0.0}), 1e-18);
        assertArrayEquals(new double[] {8e-5}, RangeFormulas.fixZeroSymmetric(new double[] {0.0}));
        QuantizationRange w = RangeFormulas.symmetricWeights(new double[] {0.5, 0.001, 0.0});
        assertArrayEquals(new double[] {-0.5, -0.005, -0.005}, w.low(), 1e-18);
    }

    @Test
    void clippingValuesBoundTheRange() {
        QuantizationRange r = RangeFormulas.clip(QuantizationRange.of(-5, 5), -1, 3);
        assertArrayEquals(new double[] {-1}, r.low());
        assertArrayEquals(new double[] {3}, r.high());
    }

    @Test
    void levelsFollowComputeLevels() {
        assertEquals(new Levels(-127, 127, 255), Levels.of(8, true, null, null));
        assertEquals(new Levels(-128, 127, 256), Levels.of(8, false, null, null));
        assertEquals(new Levels(-127, 127, 255), Levels.of(8, true, -127L, 127L));
        assertEquals(65536, Levels.of(16, false, -32768L, 32767L).levels());
        assertEquals(65535, Levels.of(16, true, -32767L, 32767L).levels());
        assertEquals(1L << 32, Levels.of(32, false, -2147483648L, 2147483647L).levels());
    }
}
