package org.pot4j.core.cascade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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

class StageStatisticsTest {
    private static final Statistic MAX = new Statistic() {
        @Override
        public String name() {
            return "max_max";
        }

        @Override
        public Accumulator newAccumulator() {
            throw new UnsupportedOperationException("never accumulated here");
        }
    };

    @Test
    void requestsCombineAndSplitPerStage() {
        Map<String, StatisticsRequest> byStage = new LinkedHashMap<>();
        byStage.put("pnet", StatisticsRequest.builder().add(PortRef.of("conv1"), MAX).build());
        byStage.put("rnet", StatisticsRequest.builder().add(new PortRef("conv1", 1), MAX).build());
        StatisticsRequest all = StageStatistics.combine(byStage);
        assertEquals(List.of(PortRef.of("pnet/conv1"), new PortRef("rnet/conv1", 1)), List.copyOf(all.ports()));
        assertSame(MAX, all.at(PortRef.of("pnet/conv1")).get(0));
        assertEquals(List.of(PortRef.of("conv1")), List.copyOf(StageStatistics.forStage(all, "pnet").ports()));
        assertEquals(List.of(new PortRef("conv1", 1)), List.copyOf(StageStatistics.forStage(all, "rnet").ports()));
        assertTrue(StageStatistics.forStage(all, "onet").isEmpty());
    }

    @Test
    void qualifyingOneStageKeepsNodeNamesWithTheSeparator() {
        StatisticsRequest local = StatisticsRequest.builder().add(PortRef.of("/conv1/Conv"), MAX).build();
        StatisticsRequest qualified = StageStatistics.qualify("onet", local);
        assertEquals(List.of(PortRef.of("onet//conv1/Conv")), List.copyOf(qualified.ports()));
        assertEquals(List.of(PortRef.of("/conv1/Conv")),
                List.copyOf(StageStatistics.forStage(qualified, "onet").ports()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StageStatistics.qualify("o/net", local));
        assertTrue(e.getMessage().contains("'o/net'"), e.getMessage());
    }

    @Test
    void collectedStatisticsSplitPerStageAndIgnoreUnqualifiedPorts() {
        CollectedStatistics all = new CollectedStatistics(Map.of(
                PortRef.of("pnet/a"), Map.of("max_max", Tensor.scalar(1f)),
                PortRef.of("onet/a"), Map.of("max_max", Tensor.scalar(3f)),
                PortRef.of("a"), Map.of("max_max", Tensor.scalar(5f))));
        assertEquals(3f, StageStatistics.forStage(all, "onet").require(PortRef.of("a"), "max_max").getFloat(0));
        assertEquals(1, StageStatistics.forStage(all, "pnet").asMap().size());
        assertTrue(StageStatistics.forStage(all, "rnet").asMap().isEmpty());
    }
}
