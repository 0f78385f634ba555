package org.pot4j.quantization.range;

import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

/**
 * POT's range-estimator presets and the user's overrides (POT_SPEC §2.2): which statistic gives each end of a
 * quantizer's range, by tensor type, granularity and mode.
 */
public final class RangeEstimators {
    /** The outlier probability of the {@code quantile} preset. */
    public static final double QUANTILE_OUTLIER_PROB = 1e-4;

    private RangeEstimators() {
    }

    /**
     * The estimators of a quantizer.
     *
     * @param weights     true for weights (no aggregators, no minimum for symmetric weights)
     * @param mode        the quantizer's mode
     * @param granularity the quantizer's granularity
     * @param user        the user's {@code range_estimator} object, bound ({@link RangeEstimatorParams#DEFAULT} when
     *                    none was given)
     * @return {@code {min, max}}; min is null for symmetric weights
     */
    public static BoundEstimator[] of(boolean weights, QuantizationMode mode, Granularity granularity,
                                      RangeEstimatorParams user) {
        boolean quantile = user.quantilePreset();
        boolean symmetric = mode == QuantizationMode.SYMMETRIC;
        double prob = quantile ? QUANTILE_OUTLIER_PROB : 0;
        BoundEstimator min;
        BoundEstimator max;
        if (weights) {
            min = symmetric ? null : new BoundEstimator("min", quantile ? Reducer.QUANTILE : Reducer.MIN, null, prob,
                    granularity, Double.NaN);
            max = new BoundEstimator("max", quantile ? (symmetric ? Reducer.ABS_QUANTILE : Reducer.QUANTILE)
                    : (symmetric ? Reducer.ABS_MAX : Reducer.MAX), null, prob, granularity, Double.NaN);
        } else {
            boolean perTensor = granularity == Granularity.PER_TENSOR;
            Aggregator minAggregator = perTensor && !symmetric ? Aggregator.MEAN : Aggregator.MIN;
            Aggregator maxAggregator = perTensor ? Aggregator.MEAN : Aggregator.MAX;
            Reducer minType = quantile && !symmetric ? Reducer.QUANTILE : Reducer.MIN;
            Reducer maxType = quantile ? (symmetric ? Reducer.ABS_QUANTILE : Reducer.QUANTILE)
                    : (symmetric ? Reducer.ABS_MAX : Reducer.MAX);
            // symmetric per-channel activations still take one minimum for the whole tensor (only its sign matters)
            Granularity minGranularity = symmetric ? Granularity.PER_TENSOR : granularity;
            min = new BoundEstimator("min", minType, minAggregator, prob, minGranularity, Double.NaN);
            max = new BoundEstimator("max", maxType, maxAggregator, prob, granularity, Double.NaN);
        }
        return new BoundEstimator[] {
            user.min().map(m -> override(min, m, "min", weights, granularity)).orElse(min),
            user.max().map(m -> override(max, m, "max", weights, granularity)).orElse(max)};
    }

    /** {@code base} with what {@code user} sets; a bound the preset has none of (symmetric weights' min) from scratch. */
    private static BoundEstimator override(BoundEstimator base, RangeEstimatorParams.BoundParams user, String bound,
                                           boolean weights, Granularity fqGranularity) {
        Reducer type = user.type().orElse(base != null ? base.type() : (bound.equals("min") ? Reducer.MIN : Reducer.MAX));
        Aggregator aggregator = weights ? null
                : user.aggregator().orElse(base != null ? base.aggregator() : Aggregator.MEAN);
        double prob = user.outlierProb().orElse(base != null ? base.outlierProb() : QUANTILE_OUTLIER_PROB);
        if (type.isQuantile() && prob == 0) {
            prob = QUANTILE_OUTLIER_PROB;
        }
        Granularity granularity = user.granularity().orElse(base != null ? base.granularity() : fqGranularity);
        double clipping = user.clippingValue().orElse(base != null ? base.clippingValue() : Double.NaN);
        return new BoundEstimator(bound, type, aggregator, prob, granularity, clipping);
    }
}
