package org.pot4j.core.statistics;

import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.tensor.Tensor;

/**
 * A statistic of activations: each batch is reduced per sample ({@link BatchReduction}) and the per-sample values
 * are aggregated over the pass ({@link Aggregator}). Memory is O(channels) for the streaming aggregators and
 * O(samples x channels) for the others; whole activations are never kept.
 *
 * @param name        the name, unique per port in a request (see {@link StatisticNames})
 * @param reducer     the per-sample reduction
 * @param quantile    the quantile of the quantile reducers, in [0, 1]; NaN for the others
 * @param granularity per-tensor (scalar result) or per-channel ({@code [C]} result)
 * @param channelAxis the channel axis of per-channel statistics (1 for NCHW; negative counts from the end)
 * @param aggregator  how the per-sample values are combined
 */
public record ActivationStatistic(String name, Reducer reducer, double quantile, Granularity granularity,
                                  int channelAxis, Aggregator aggregator) implements Statistic {
    public ActivationStatistic {
        Objects.requireNonNull(reducer, "reducer");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(aggregator, "aggregator");
        if (reducer.isQuantile()) {
            if (!(quantile >= 0 && quantile <= 1)) {
                throw new IllegalArgumentException("quantile of " + reducer.potName() + " must be in [0, 1], got " + quantile);
            }
        } else {
            quantile = Double.NaN;
        }
        if (channelAxis == 0) {
            throw new IllegalArgumentException("the channel axis cannot be the batch axis 0");
        }
        if (name == null || name.isBlank()) {
            name = defaultName(reducer, quantile, granularity, aggregator);
        }
    }

    /** A statistic of a reducer without a quantile, on channel axis 1, with a name built from its parts. */
    public static ActivationStatistic of(Reducer reducer, Granularity granularity, Aggregator aggregator) {
        if (reducer.isQuantile()) {
            throw new IllegalArgumentException(reducer.potName() + " needs a quantile: use quantile(...)");
        }
        return new ActivationStatistic(null, reducer, Double.NaN, granularity, 1, aggregator);
    }

    /** A quantile statistic ({@link Reducer#QUANTILE} or {@link Reducer#ABS_QUANTILE}) on channel axis 1. */
    public static ActivationStatistic quantile(Reducer reducer, double q, Granularity granularity, Aggregator aggregator) {
        if (!reducer.isQuantile()) {
            throw new IllegalArgumentException(reducer.potName() + " takes no quantile: use of(...)");
        }
        return new ActivationStatistic(null, reducer, q, granularity, 1, aggregator);
    }

    /** This statistic under another name. */
    public ActivationStatistic withName(String newName) {
        return new ActivationStatistic(newName, reducer, quantile, granularity, channelAxis, aggregator);
    }

    /** This statistic with per-channel values taken along {@code axis}. */
    public ActivationStatistic withChannelAxis(int axis) {
        return new ActivationStatistic(name, reducer, quantile, granularity, axis, aggregator);
    }

    /** {@code abs_max_pertensor_mean}, {@code quantile_0.0001_perchannel_median}. */
    public static String defaultName(Reducer reducer, double q, Granularity granularity, Aggregator aggregator) {
        String r = reducer.isQuantile() ? reducer.potName() + "_" + StatisticNames.pythonFloat(q) : reducer.potName();
        return r + "_" + granularity.potName() + "_" + aggregator.potName();
    }

    /** The per-sample reduction an engine may compute in its runtime, one for every reducer. */
    @Override
    public Optional<Reduction> reduction() {
        Reduction.Kind kind = switch (reducer) {
            case MIN -> Reduction.Kind.MIN;
            case MAX -> Reduction.Kind.MAX;
            case ABS_MAX -> Reduction.Kind.ABS_MAX;
            case MEAN -> Reduction.Kind.MEAN;
            case QUANTILE -> Reduction.Kind.QUANTILE;
            case ABS_QUANTILE -> Reduction.Kind.ABS_QUANTILE;
        };
        int axis = granularity == Granularity.PER_TENSOR ? Reduction.PER_TENSOR : channelAxis;
        return Optional.of(new Reduction(kind, axis, quantile));
    }

    @Override
    public Accumulator newAccumulator() {
        Aggregator.State state = aggregator.newState(granularity == Granularity.PER_TENSOR);
        return new Accumulator() {
            @Override
            public void accept(Tensor batch) {
                state.accept(BatchReduction.reduce(batch, reducer, quantile, granularity, channelAxis));
            }

            @Override
            public void acceptReduced(Tensor reduced) {
                state.accept(BatchReduction.rows(reduced, granularity));
            }

            @Override
            public Tensor result() {
                return state.result();
            }
        };
    }
}
