package org.pot4j.core.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Streaming behaviour, batches of unequal size, channel axes and names. */
class StreamingStatisticsTest {

    @Test
    void meanIsTheMeanOfBatchMeansWhenBatchesDifferInSize() {
        Statistic.Accumulator acc = ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.MEAN).newAccumulator();
        acc.accept(Tensor.ofFloats(Shape.of(2, 1), 1, 3));  // batch mean 2
        acc.accept(Tensor.ofFloats(Shape.of(1, 1), 8));     // batch mean 8
        // POT: mean(2, 8) = 5, not the flat mean 4 over the three samples.
        assertEquals(5.0, acc.result().getFloat(0), 1e-9);
    }

    @Test
    void medianUsesEverySampleWhenBatchesDifferInSize() {
        Statistic.Accumulator acc = ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.MEDIAN).newAccumulator();
        acc.accept(Tensor.ofFloats(Shape.of(2, 1), 1, 3));
        acc.accept(Tensor.ofFloats(Shape.of(1, 1), 8));
        assertEquals(3.0, acc.result().getFloat(0), 1e-9);
    }

    @Test
    void batchMeanRejectsBatchesOfAnotherSize() {
        Statistic.Accumulator acc = ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.BATCH_MEAN).newAccumulator();
        acc.accept(Tensor.ofFloats(Shape.of(2, 1), 1, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> acc.accept(Tensor.ofFloats(Shape.of(1, 1), 8)));
        assertEquals("batch_mean needs batches of equal size: got a batch of 1 samples after batches of 2", e.getMessage());
    }

    @Test
    void resultWithoutBatchesFails() {
        Statistic.Accumulator acc = ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR, Aggregator.MIN).newAccumulator();
        assertThrows(IllegalStateException.class, acc::result);
    }

    @Test
    void streamingAggregatorsKeepConstantStateOverManyBatches() {
        // 2 000 batches of 1x64x8x8 through every streaming aggregator: the result is exact, and the state is the
        // per-channel running values only (the accumulator holds no list of batches).
        for (Aggregator a : Aggregator.values()) {
            if (!a.isStreaming()) {
                continue;
            }
            Statistic.Accumulator acc = ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_CHANNEL, a).newAccumulator();
            float[] v = new float[64 * 64];
            for (int i = 0; i < 2_000; i++) {
                java.util.Arrays.fill(v, i % 7);
                acc.accept(Tensor.ofFloats(Shape.of(1, 64, 8, 8), v));
            }
            Tensor r = acc.result();
            assertEquals(64, r.elementCount(), a + " gave " + r);
            double expected = a == Aggregator.MAX ? 6 : a == Aggregator.MIN ? 0 : meanOfCycle();
            assertEquals(expected, r.getFloat(0), 1e-6, a.potName());
        }
    }

    /** The mean of i % 7 for i in [0, 2000). */
    private static double meanOfCycle() {
        double s = 0;
        for (int i = 0; i < 2_000; i++) {
            s += i % 7;
        }
        return s / 2_000;
    }

    @Test
    void channelAxisMayCountFromTheEnd() {
        // NHWC 1x1x2x3: channels are the last axis.
        Tensor nhwc = Tensor.ofFloats(Shape.of(1, 1, 2, 3), 1, 2, 3, 4, 5, 6);
        double[][] r = BatchReduction.reduce(nhwc, Reducer.MAX, Double.NaN, Granularity.PER_CHANNEL, -1);
        assertEquals(3, r[0].length);
        assertEquals(4, r[0][0]);
        assertEquals(5, r[0][1]);
        assertEquals(6, r[0][2]);
        Statistic.Accumulator acc = ActivationStatistic.of(Reducer.MIN, Granularity.PER_CHANNEL, Aggregator.MIN)
                .withChannelAxis(3).newAccumulator();
        acc.accept(nhwc);
        TensorStatisticsGoldTest.assertClose(new double[] {1, 2, 3}, acc.result());
    }

    @Test
    void channelAxisZeroIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ActivationStatistic.of(Reducer.MIN, Granularity.PER_CHANNEL, Aggregator.MIN).withChannelAxis(0));
    }

    @Test
    void absReducersUseAbsoluteValues() {
        Tensor t = Tensor.ofFloats(Shape.of(1, 4), -9, 1, 2, 3);
        assertEquals(9, BatchReduction.reduce(t, Reducer.ABS_MAX, Double.NaN, Granularity.PER_TENSOR, 1)[0][0]);
        assertEquals(-9, BatchReduction.reduce(t, Reducer.MIN, Double.NaN, Granularity.PER_TENSOR, 1)[0][0]);
    }

    @Test
    void rankOneTensorIsOneSamplePerTensor() {
        Tensor t = Tensor.ofFloats(Shape.of(3), 1, 5, 2);
        double[][] r = BatchReduction.reduce(t, Reducer.MAX, Double.NaN, Granularity.PER_TENSOR, 1);
        assertEquals(1, r.length);
        assertEquals(5, r[0][0]);
    }

    @Test
    void quantileBySelectionEqualsQuantileOfTheSortedValues() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(5) == 0 ? random.nextInt(4) : random.nextGaussian();  // with ties
            }
            double q = random.nextDouble();
            double[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            assertEquals(Quantiles.sortedQuantile(sorted, n, q), Quantiles.selectQuantile(v.clone(), n, q), 0.0,
                    "n=" + n + " q=" + q);
        }
    }

    @Test
    void defaultNamesAndPotNames() {
        assertEquals("abs_max_pertensor_mean",
                ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_TENSOR, Aggregator.MEAN).name());
        assertEquals("quantile_0.0001_perchannel_median",
                ActivationStatistic.quantile(Reducer.QUANTILE, 1e-4, Granularity.PER_CHANNEL, Aggregator.MEDIAN).name());
        assertEquals("max_abs_max",
                ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_TENSOR, Aggregator.MEAN).withName("max_abs_max").name());
        assertEquals("min_min", StatisticNames.min(Reducer.MIN, 1e-4));
        assertEquals("max_abs_max", StatisticNames.max(Reducer.ABS_MAX, 1e-4));
        assertEquals("min_quantile_0.0001", StatisticNames.min(Reducer.QUANTILE, 1e-4));
        assertEquals("max_abs_quantile_1e-05", StatisticNames.max(Reducer.ABS_QUANTILE, 1e-5));
        assertEquals("max_quantile_0.001", StatisticNames.max(Reducer.QUANTILE, 0.001));
    }

    @Test
    void pythonFloatSpelling() {
        assertEquals("0.0001", StatisticNames.pythonFloat(1e-4));
        assertEquals("1e-05", StatisticNames.pythonFloat(1e-5));
        assertEquals("1.5e-05", StatisticNames.pythonFloat(1.5e-5));
        assertEquals("0.5", StatisticNames.pythonFloat(0.5));
        assertEquals("2.0", StatisticNames.pythonFloat(2));
        assertEquals("0.01", StatisticNames.pythonFloat(0.01));
        assertEquals("1e+16", StatisticNames.pythonFloat(1e16));
        assertEquals("123.25", StatisticNames.pythonFloat(123.25));
    }

    @Test
    void potNamesParse() {
        assertEquals(Aggregator.HL_ESTIMATOR, Aggregator.fromPotName("hl_estimator", "x"));
        assertEquals(Reducer.ABS_QUANTILE, Reducer.fromPotName("abs_quantile", "x"));
        assertEquals(Granularity.PER_CHANNEL, Granularity.fromPotName("perchannel", "x"));
        org.pot4j.api.error.ConfigurationException e = assertThrows(org.pot4j.api.error.ConfigurationException.class,
                () -> Aggregator.fromPotName("avg", "a.b"));
        assertEquals("a.b: 'avg' is not one of mean, max, min, median, mean_no_outliers, median_no_outliers, "
                + "hl_estimator, batch_mean", e.getMessage());
    }
}
