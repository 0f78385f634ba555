package org.pot4j.api.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelReportTest {
    @Test
    void coverageIsIntegerOverQuantizedAndOneWhenNothingIsQuantized() {
        KernelReport r = new KernelReport("rt", Map.of("QLinearConv", 3, "Conv", 1), 4, 3,
                List.of(new KernelReport.FloatOp("c", "Conv", "no QuantizeLinear on its output")), 1, 1, Map.of());
        assertEquals(0.75, r.coverage());
        assertEquals(List.of("Conv", "QLinearConv"), List.copyOf(r.opCounts().keySet()));
        assertEquals(1.0, new KernelReport("rt", Map.of("Conv", 2), 0, 0, List.of(), 0, 0, Map.of()).coverage());
        assertEquals(Map.of("Conv", 1.5), r.withKernelMillis(Map.of("Conv", 1.5)).kernelMillisByOp());
    }

    @Test
    void moreIntegerThanQuantizedOpsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new KernelReport("rt", Map.of(), 1, 2, List.of(), 0, 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new KernelReport.FloatOp("n", "Conv", " "));
    }
}
