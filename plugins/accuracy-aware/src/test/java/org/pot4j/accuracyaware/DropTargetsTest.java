package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.metric.MetricAttributes;

/** The drop rule of spec §2.3 on the worked example of §6.2 and the tie rule. */
class DropTargetsTest {
    private static Map<String, MetricAttributes> twoMetrics() {
        Map<String, MetricAttributes> m = new LinkedHashMap<>();
        m.put("m1", MetricAttributes.higherBetter("accuracy"));
        m.put("m2", MetricAttributes.higherWorse("loss"));
        return m;
    }

    @Test
    void relativeDropsOfAHigherBetterAndAHigherWorseMetric() {
        DropTargets t = DropTargets.of(twoMetrics(), Map.of("m1", 0.80, "m2", 2.0), 0.01, true);
        assertEquals(0.008, t.maxDrop().get("m1"), 1e-12);
        assertEquals(0.02, t.maxDrop().get("m2"), 1e-12);
        Map<String, Double> drop = t.drops(Map.of("m1", 0.78, "m2", 2.1));
        assertEquals(0.02, drop.get("m1"), 1e-12);
        assertEquals(0.1, drop.get("m2"), 1e-12, "higher-worse: -(2.0 - 2.1)");
        assertFalse(t.met(drop));
        // excess / baseline: m1 (0.02 - 0.008) / 0.8 = 0.015, m2 (0.1 - 0.02) / 2.0 = 0.04
        assertEquals("m2", t.worstMetric(drop));
    }

    @Test
    void absoluteDropsAreMetInclusively() {
        DropTargets t = DropTargets.of(twoMetrics(), Map.of("m1", 0.80, "m2", 2.0), 0.5, false);
        assertEquals(0.5, t.maxDrop().get("m2"));
        assertTrue(t.met(Map.of("m1", 0.5, "m2", 0.5)));
        assertFalse(t.met(Map.of("m1", 0.5, "m2", 0.5000001)));
    }

    @Test
    void equalExcessGoesToTheLaterMetric() {
        Map<String, MetricAttributes> m = new LinkedHashMap<>();
        m.put("first", MetricAttributes.higherBetter("accuracy"));
        m.put("second", MetricAttributes.higherBetter("accuracy"));
        DropTargets t = DropTargets.of(m, Map.of("first", 1.0, "second", 1.0), 0.1, false);
        assertEquals("second", t.worstMetric(Map.of("first", 0.3, "second", 0.3)));
    }
}
