package org.pot4j.core.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Every gold value of POT's test_tensor_statistics.py (POT_SPEC §16.3), at numpy's assert_almost_equal precision
 * (7 decimals).
 */
class TensorStatisticsGoldTest {
    private static final double EPS = 1.5e-7;
    /** arange(16).reshape(2, 2, 2, 2): the input of the activation and weight function tests. */
    private static final Tensor INPUT = arange(2, 2, 2, 2);

    // --- aggregators: inputs arange(4).reshape(2,2,1) and arange(8).reshape(2,2,2), a list of 2 batches [N=2][C] ---

    private static final Map<Aggregator, double[]> GOLD_2_2_1 = Map.of(
            Aggregator.MEAN, new double[] {1.5},
            Aggregator.MAX, new double[] {3},
            Aggregator.MIN, new double[] {0},
            Aggregator.MEDIAN, new double[] {1.5},
            Aggregator.MEAN_NO_OUTLIERS, new double[] {1.5},
            Aggregator.MEDIAN_NO_OUTLIERS, new double[] {1.5},
            Aggregator.HL_ESTIMATOR, new double[] {1.5},
            Aggregator.BATCH_MEAN, new double[] {1, 2});
    private static final Map<Aggregator, double[]> GOLD_2_2_2 = Map.of(
            Aggregator.MEAN, new double[] {3, 4},
            Aggregator.MAX, new double[] {6, 7},
            Aggregator.MIN, new double[] {0, 1},
            Aggregator.MEDIAN, new double[] {3, 4},
            Aggregator.MEAN_NO_OUTLIERS, new double[] {3, 4},
            Aggregator.MEDIAN_NO_OUTLIERS, new double[] {3, 4},
            Aggregator.HL_ESTIMATOR, new double[] {3, 4},
            Aggregator.BATCH_MEAN, new double[] {2, 3, 4, 5});

    @ParameterizedTest
    @EnumSource(Aggregator.class)
    void aggregatorGoldOn_2_2_1(Aggregator aggregator) {
        Tensor result = aggregator.aggregate(batches(2, 2, 1), false);
        assertClose(GOLD_2_2_1.get(aggregator), result);
        if (aggregator == Aggregator.BATCH_MEAN) {
            assertEquals(Shape.of(1, 2, 1), result.shape());
        } else {
            assertEquals(Shape.of(1), result.shape());
        }
    }

    @ParameterizedTest
    @EnumSource(Aggregator.class)
    void aggregatorGoldOn_2_2_2(Aggregator aggregator) {
        Tensor result = aggregator.aggregate(batches(2, 2, 2), false);
        assertClose(GOLD_2_2_2.get(aggregator), result);
        assertEquals(aggregator == Aggregator.BATCH_MEAN ? Shape.of(1, 2, 2) : Shape.of(2), result.shape());
    }

    /** The same gold through the Statistic an engine runs: rank-2 batches pass per-channel reduction unchanged. */
    @ParameterizedTest
    @EnumSource(Aggregator.class)
    void aggregatorGoldThroughTheStreamingStatistic(Aggregator aggregator) {
        Statistic stat = ActivationStatistic.of(Reducer.MAX, Granularity.PER_CHANNEL, aggregator);
        Statistic.Accumulator acc = stat.newAccumulator();
        Tensor x = arange(2, 2, 2);
        acc.accept(x.slice(0, 1).reshape(Shape.of(2, 2)));
        acc.accept(x.slice(1, 2).reshape(Shape.of(2, 2)));
        assertClose(GOLD_2_2_2.get(aggregator), acc.result());
    }

    @Test
    void perTensorAggregatesAreScalars() {
        Tensor result = Aggregator.MEAN.aggregate(batches(2, 2, 1), true);
        assertEquals(Shape.SCALAR, result.shape());
        assertEquals(1.5, result.getFloat(0), EPS);
        assertEquals(Shape.of(1, 2), Aggregator.BATCH_MEAN.aggregate(batches(2, 2, 1), true).shape());
    }

    // --- activation functions on arange(16).reshape(2,2,2,2), quantile q = 0.01 ---

    @Test
    void activationFunctionsPerChannel() {
        assertRows(new double[][] {{0, 4}, {8, 12}}, perChannel(Reducer.MIN));
        assertRows(new double[][] {{3, 7}, {11, 15}}, perChannel(Reducer.MAX));
        assertRows(new double[][] {{3, 7}, {11, 15}}, perChannel(Reducer.ABS_MAX));
        assertRows(new double[][] {{0.03, 4.03}, {8.03, 12.03}}, perChannel(Reducer.QUANTILE));
        assertRows(new double[][] {{0.03, 4.03}, {8.03, 12.03}}, perChannel(Reducer.ABS_QUANTILE));
        // POT's 'mean' and 'mean_axis' (channel axis 1) are both the per-channel mean.
        assertRows(new double[][] {{1.5, 5.5}, {9.5, 13.5}}, perChannel(Reducer.MEAN));
    }

    @Test
    void activationFunctionsPerTensor() {
        assertRows(new double[][] {{0}, {8}}, perTensor(Reducer.MIN));
        assertRows(new double[][] {{7}, {15}}, perTensor(Reducer.MAX));
        assertRows(new double[][] {{7}, {15}}, perTensor(Reducer.ABS_MAX));
        assertRows(new double[][] {{0.07}, {8.07}}, perTensor(Reducer.QUANTILE));
        assertRows(new double[][] {{0.07}, {8.07}}, perTensor(Reducer.ABS_QUANTILE));
    }

    // --- weight functions on the same tensor ---

    @Test
    void weightFunctionsPerChannel() {
        assertClose(new double[] {0, 8}, WeightStatistic.of(Reducer.MIN, Granularity.PER_CHANNEL).compute(INPUT));
        assertClose(new double[] {7, 15}, WeightStatistic.of(Reducer.MAX, Granularity.PER_CHANNEL).compute(INPUT));
        assertClose(new double[] {7, 15}, WeightStatistic.of(Reducer.ABS_MAX, Granularity.PER_CHANNEL).compute(INPUT));
        assertClose(new double[] {0.07, 8.07},
                WeightStatistic.quantile(Reducer.QUANTILE, 0.01, Granularity.PER_CHANNEL).compute(INPUT));
        assertClose(new double[] {0.07, 8.07},
                WeightStatistic.quantile(Reducer.ABS_QUANTILE, 0.01, Granularity.PER_CHANNEL).compute(INPUT));
    }

    @Test
    void weightFunctionsPerTensor() {
        assertScalar(0, WeightStatistic.of(Reducer.MIN, Granularity.PER_TENSOR).compute(INPUT));
        assertScalar(15, WeightStatistic.of(Reducer.MAX, Granularity.PER_TENSOR).compute(INPUT));
        assertScalar(15, WeightStatistic.of(Reducer.ABS_MAX, Granularity.PER_TENSOR).compute(INPUT));
        assertScalar(0.15, WeightStatistic.quantile(Reducer.QUANTILE, 0.01, Granularity.PER_TENSOR).compute(INPUT));
        assertScalar(0.15, WeightStatistic.quantile(Reducer.ABS_QUANTILE, 0.01, Granularity.PER_TENSOR).compute(INPUT));
    }

    /** GOLD_VALUES_CH_TRANS_WEIGHT_FUNCTIONS: ConvolutionBackpropData weights, channels on axis 1. */
    @Test
    void transposedWeightFunctionsPerChannel() {
        assertClose(new double[] {0, 4}, WeightStatistic.of(Reducer.MIN, Granularity.PER_CHANNEL).transposedWeights().compute(INPUT));
        assertClose(new double[] {11, 15}, WeightStatistic.of(Reducer.MAX, Granularity.PER_CHANNEL).transposedWeights().compute(INPUT));
        assertClose(new double[] {11, 15},
                WeightStatistic.of(Reducer.ABS_MAX, Granularity.PER_CHANNEL).transposedWeights().compute(INPUT));
        assertClose(new double[] {0.07, 4.07},
                WeightStatistic.quantile(Reducer.QUANTILE, 0.01, Granularity.PER_CHANNEL).transposedWeights().compute(INPUT));
        assertClose(new double[] {0.07, 4.07},
                WeightStatistic.quantile(Reducer.ABS_QUANTILE, 0.01, Granularity.PER_CHANNEL).transposedWeights().compute(INPUT));
    }

    // --- helpers ---

    private static double[][] perChannel(Reducer r) {
        return BatchReduction.reduce(INPUT, r, 0.01, Granularity.PER_CHANNEL, 1);
    }

    private static double[][] perTensor(Reducer r) {
        return BatchReduction.reduce(INPUT, r, 0.01, Granularity.PER_TENSOR, 1);
    }

    static Tensor arange(long... dims) {
        Shape shape = Shape.of(dims);
        float[] v = new float[(int) shape.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Tensor.ofFloats(shape, v);
    }

    /** arange(b*n*c).reshape(b, n, c) as a list of b batches of [n][c]. */
    static List<double[][]> batches(int b, int n, int c) {
        List<double[][]> out = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < b; i++) {
            double[][] batch = new double[n][c];
            for (int j = 0; j < n; j++) {
                for (int m = 0; m < c; m++) {
                    batch[j][m] = k++;
                }
            }
            out.add(batch);
        }
        return out;
    }

    static void assertClose(double[] expected, Tensor actual) {
        float[] got = actual.toFloatArray();
        assertEquals(expected.length, got.length, "element count of " + actual);
        double[] exact = new double[got.length];
        java.nio.DoubleBuffer db = actual.data().asDoubleBuffer();
        for (int i = 0; i < got.length; i++) {
            exact[i] = db.get(i);
        }
        assertArrayEquals(expected, exact, EPS);
    }

    private static void assertScalar(double expected, Tensor actual) {
        assertEquals(Shape.SCALAR, actual.shape());
        assertClose(new double[] {expected}, actual);
    }

    private static void assertRows(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], EPS, "row " + i);
        }
    }
}
