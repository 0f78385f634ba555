package org.pot4j.core.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlternatingRoundsTest {
    @Test
    void exactRunCountsPerTask() {
        int[] calls = new int[2];
        List<List<Double>> times = AlternatingRounds.runs(3, List.of(() -> calls[0]++, () -> calls[1]++));
        assertEquals(3, times.get(0).size());
        assertEquals(3, times.get(1).size());
        assertEquals(3, calls[0]);
        assertEquals(3, calls[1]);
    }

    @Test
    void percentilesOfSortedTimes() {
        List<Double> t = List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(6.0, AlternatingRounds.median(t));
        assertEquals(1.0, AlternatingRounds.percentile(t, 10));
        assertEquals(9.0, AlternatingRounds.percentile(t, 90));
    }
}
