package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranking subset of spec §2.6 on the worked example of §6.3. */
class RankingSubsetTest {
    private static final int[] SUBSET = {1, 4, 7, 9, 12, 15};
    private static final List<Double> FP32 = List.of(1.0, 1.0, 0.9, 0.8, 1.0, 0.7);
    private static final List<Double> QUANTIZED = List.of(0.2, 1.0, 0.6, 0.8, 0.5, 0.7);

    @Test
    void theWorstSamplesMappedThroughThePerSampleSubset() {
        // u - v = [0.8, 0, 0.3, 0, 0.5, 0] -> positions [0, 4, 2]
        assertArrayEquals(new int[] {1, 12, 7}, RankingSubset.of(FP32, QUANTIZED, SUBSET, 3));
    }

    @Test
    void tiesTakeTheLaterPositionFirst() {
        // after [1, 12, 7] the three zero differences at positions 1, 3, 5: the later first
        assertArrayEquals(new int[] {1, 12, 7, 15, 9, 4}, RankingSubset.of(FP32, QUANTIZED, SUBSET, 6));
    }
}
