package org.pot4j.api.engine.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

class CascadePortsTest {
    private static final Statistic MAX = new Statistic() {
        @Override
        public String name() {
            return "max_max";
        }

        @Override
        public Accumulator newAccumulator() {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void nodeNamesMayContainTheSeparator() {
        PortRef q = CascadePorts.qualify("pnet", new PortRef("/conv1/Conv/bias", 0));
        assertEquals("pnet//conv1/Conv/bias", q.node());
        assertEquals("pnet", CascadePorts.stage(q));
        assertEquals(new PortRef("/conv1/Conv/bias", 0), CascadePorts.local(q));
        assertTrue(CascadePorts.isQualified(q));
        assertFalse(CascadePorts.isQualified(PortRef.of("conv1")));
        assertFalse(CascadePorts.isQualified(PortRef.of("/conv1")), "an empty stage name is no stage");
        assertThrows(IllegalArgumentException.class, () -> CascadePorts.stage(PortRef.of("conv1")));
        assertThrows(IllegalArgumentException.class, () -> CascadePorts.qualify("a/b", PortRef.of("x")));
        assertThrows(IllegalArgumentException.class, () -> CascadePorts.qualify(" ", PortRef.of("x")));
    }

    @Test
    void requestsCombineAndSplitPerStage() {
        Map<String, StatisticsRequest> byStage = new LinkedHashMap<>();
        byStage.put("pnet", StatisticsRequest.builder().add(PortRef.of("conv1"), MAX).build());
        byStage.put("rnet", StatisticsRequest.builder().add(new PortRef("conv1", 1), MAX).build());
        StatisticsRequest all = CascadePorts.combine(byStage);
        assertEquals(List.of(PortRef.of("pnet/conv1"), new PortRef("rnet/conv1", 1)), List.copyOf(all.ports()));
        assertEquals(List.of(PortRef.of("conv1")), List.copyOf(CascadePorts.forStage(all, "pnet").ports()));
        assertEquals(List.of(new PortRef("conv1", 1)), List.copyOf(CascadePorts.forStage(all, "rnet").ports()));
        assertTrue(CascadePorts.forStage(all, "onet").isEmpty());
    }

    @Test
    void collectedStatisticsSplitPerStage() {
        CollectedStatistics all = new CollectedStatistics(Map.of(
                PortRef.of("pnet/a"), Map.of("max_max", Tensor.scalar(1f)),
                PortRef.of("onet/a"), Map.of("max_max", Tensor.scalar(3f))));
        assertEquals(3f, CascadePorts.forStage(all, "onet").require(PortRef.of("a"), "max_max").getFloat(0));
        assertEquals(1, CascadePorts.forStage(all, "pnet").asMap().size());
    }
}
