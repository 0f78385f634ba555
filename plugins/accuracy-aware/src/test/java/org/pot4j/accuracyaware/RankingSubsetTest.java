package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void theHardestSubsetTakesEachMetricsWorstInTurn() {
        // m1 = the example above: order 1, 12, 7, 15, 9, 4; m2: 15, 9, then the ties later-first 12, 7, 4, 1
        java.util.Map<String, List<Double>> u = new java.util.LinkedHashMap<>();
        u.put("m1", FP32);
        u.put("m2", List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
        java.util.Map<String, List<Double>> v = new java.util.LinkedHashMap<>();
        v.put("m1", QUANTIZED);
        v.put("m2", List.of(1.0, 1.0, 1.0, 0.5, 1.0, 0.0));
        // size 3: ceil(3 / 2) = 2 each -> 1, 12 then 15, 9: one round, overshooting as POT does
        assertArrayEquals(new int[] {1, 12, 15, 9}, RankingSubset.hardest(u, v, SUBSET, 3));
        // size 5: 3 each -> 1, 12, 7 then 15, 9 (12 already chosen)
        assertArrayEquals(new int[] {1, 12, 7, 15, 9}, RankingSubset.hardest(u, v, SUBSET, 5));
        // size 6: 3 each gives 5; second round at offset 5, 1 each: m1's 4
        assertArrayEquals(new int[] {1, 12, 7, 15, 9, 4}, RankingSubset.hardest(u, v, SUBSET, 6));
        // larger than the data: capped
        assertEquals(6, RankingSubset.hardest(u, v, SUBSET, 100).length);
    }
}
