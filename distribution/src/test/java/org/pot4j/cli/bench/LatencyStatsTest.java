package org.pot4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    @Test
    void medianP90AndThroughput() {
        long ms = 1_000_000L;
        LatencyStats s = LatencyStats.of(new long[] {5 * ms, 1 * ms, 3 * ms, 2 * ms, 4 * ms, 6 * ms, 7 * ms, 8 * ms,
            9 * ms, 10 * ms}, 2);
        assertEquals(5.5, s.medianMillis(), 1e-9);
        assertEquals(9.0, s.p90Millis(), 1e-9);
        assertEquals(1.0, s.p10Millis(), 1e-9);
        assertEquals(10, s.runs());
        assertEquals(5.5, s.meanMillis(), 1e-9);
        assertEquals(2 * 10 / 0.055, s.samplesPerSecond(), 1e-6);
    }
}
