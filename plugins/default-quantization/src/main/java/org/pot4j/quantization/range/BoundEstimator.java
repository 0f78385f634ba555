package org.pot4j.quantization.range;

import java.util.Objects;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.core.statistics.StatisticNames;
import org.pot4j.core.statistics.WeightStatistic;

/**
 * How one end of a range is estimated (POT_SPEC §2.2): a reducer, its aggregator over samples (activations only),
 * the outlier probability of quantile reducers, the granularity and an optional clipping value.
 *
 * @param bound         {@code "min"} or {@code "max"}
 * @param type          the reducer
 * @param aggregator    the aggregator over samples; null for weights
 * @param outlierProb   the quantile reducers' outlier probability
 * @param granularity   per-tensor or per-channel
 * @param clippingValue the clipping value, or NaN
 */
public record BoundEstimator(String bound, Reducer type, Aggregator aggregator, double outlierProb,
                             Granularity granularity, double clippingValue) {
    public BoundEstimator {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(granularity, "granularity");
    }

    /** The quantile used: {@code outlier_prob} for the minimum, {@code 1 - outlier_prob} for the maximum. */
    public double quantile() {
        return "min".equals(bound) ? outlierProb : 1 - outlierProb;
    }

    /** POT's statistic name, such as {@code max_abs_max} or {@code min_quantile_0.0001}. */
    public String statisticName() {
        return StatisticNames.name(bound, type, outlierProb);
    }

    /** The activation statistic computing this bound on NCHW-like tensors (channel axis 1). */
    public ActivationStatistic activationStatistic() {
        if (type.isQuantile()) {
            return new ActivationStatistic(statisticName(), type, quantile(), granularity, 1, aggregator);
        }
        return new ActivationStatistic(statisticName(), type, Double.NaN, granularity, 1, aggregator);
    }

    /** The weight statistic computing this bound on weights with output channels on axis 0. */
    public WeightStatistic weightStatistic() {
        return type.isQuantile() ? WeightStatistic.quantile(type, quantile(), granularity)
                : WeightStatistic.of(type, granularity);
    }
}
