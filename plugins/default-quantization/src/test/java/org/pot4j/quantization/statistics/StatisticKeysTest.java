package org.pot4j.quantization.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.core.statistics.StatisticNames;

class StatisticKeysTest {
    private static final PortRef CONV = PortRef.of("conv");
    private static final ActivationStatistic MAX = ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_TENSOR,
            Aggregator.MEAN).withName(StatisticNames.max(Reducer.ABS_MAX, 0));

    @Test
    void aStatisticAskedForTwiceIsRequestedOnceAndBothKeysReadIt() {
        StatisticKey first = new StatisticKey(CONV, MAX);
        StatisticKey second = new StatisticKey(CONV, MAX.withName("max_abs_max"));
        StatisticKey mean = new StatisticKey(PortRef.of("relu"), ActivationStatistic.of(Reducer.MEAN,
                Granularity.PER_CHANNEL, Aggregator.MEAN).withName("fbc_input_mean"));
        StatisticKeys keys = new StatisticKeys().addAll(List.of(first, mean));
        assertEquals(second, keys.add(second), "add returns the key, to read the value with");
        StatisticsRequest request = keys.request();
        assertEquals(List.of(CONV, PortRef.of("relu")), List.copyOf(request.ports()));
        assertEquals(List.of(MAX), request.at(CONV));
        CollectedStatistics collected = new CollectedStatistics(Map.of(CONV,
                Map.of("max_abs_max", Tensor.ofFloats(Shape.SCALAR, new float[] {6}))));
        assertArrayEquals(first.in(collected).toDoubleArray(), second.in(collected).toDoubleArray());
        assertEquals(6, second.in(collected).toDoubleArray()[0]);
    }

    @Test
    void twoDifferentStatisticsUnderOneNameAtAPortAreABug() {
        StatisticKey perTensor = new StatisticKey(CONV, MAX);
        StatisticKey perChannel = new StatisticKey(CONV, ActivationStatistic.of(Reducer.ABS_MAX,
                Granularity.PER_CHANNEL, Aggregator.MAX).withName(MAX.name()));
        assertThrows(IllegalArgumentException.class,
                () -> new StatisticKeys().addAll(List.of(perTensor, perChannel)).request());
    }

    @Test
    void aStatisticNotCollectedIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new StatisticKey(CONV, MAX).in(CollectedStatistics.empty()));
        assertEquals("statistic 'max_abs_max' was not collected at conv:0", e.getMessage());
    }
}
