package org.pot4j.core.statistics;

import java.util.List;
import java.util.Random;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Rough throughput of the host-side statistics on a 1x64x56x56 activation (a ResNet-50 stage-1 tensor, 200 704
 * elements). Not a test: run it by hand (see the module README).
 */
public final class StatisticsThroughput {
    private StatisticsThroughput() {
    }

    public static void main(String[] args) {
        Random random = new Random(1);
        float[] v = new float[64 * 56 * 56];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        Tensor batch = Tensor.ofFloats(Shape.of(1, 64, 56, 56), v);
        List<Statistic> stats = List.of(
                ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR, Aggregator.MIN),
                ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_TENSOR, Aggregator.MEAN),
                ActivationStatistic.of(Reducer.MAX, Granularity.PER_CHANNEL, Aggregator.MAX),
                ActivationStatistic.quantile(Reducer.QUANTILE, 1e-4, Granularity.PER_CHANNEL, Aggregator.MEDIAN),
                ActivationStatistic.quantile(Reducer.ABS_QUANTILE, 1 - 1e-4, Granularity.PER_TENSOR, Aggregator.MEAN));
        int rounds = 300;
        for (Statistic s : stats) {
            Statistic.Accumulator warm = s.newAccumulator();
            for (int i = 0; i < 50; i++) {
                warm.accept(batch);
            }
            Statistic.Accumulator acc = s.newAccumulator();
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                acc.accept(batch);
            }
            acc.result();
            double ms = (System.nanoTime() - t0) / 1e6 / rounds;
            System.out.printf("%-40s %7.3f ms/batch  %6.0f Melem/s%n", s.name(), ms, v.length / ms / 1e3);
        }
    }
}
