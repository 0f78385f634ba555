package org.pot4j.quantization.range;

import java.util.Map;
import org.pot4j.api.error.ConfigurationException;
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
     * @param user        the user's {@code range_estimator} object ({@code preset}, {@code min}, {@code max}); may be empty
     * @param keyPath     where {@code user} came from, for errors
     * @return {@code {min, max}}; min is null for symmetric weights
     */
    public static BoundEstimator[] of(boolean weights, QuantizationMode mode, Granularity granularity,
                                      Map<String, Object> user, String keyPath) {
        Object presetValue = user.getOrDefault("preset", "default");
        boolean quantile;
        if ("default".equals(presetValue)) {
            quantile = false;
        } else if ("quantile".equals(presetValue)) {
            quantile = true;
        } else {
            throw new ConfigurationException(keyPath + ".preset", "'" + presetValue + "' is not one of default, quantile");
        }
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
            override(min, user.get("min"), weights, granularity, keyPath + ".min"),
            override(max, user.get("max"), weights, granularity, keyPath + ".max")};
    }

    @SuppressWarnings("unchecked")
    private static BoundEstimator override(BoundEstimator base, Object user, boolean weights, Granularity fqGranularity,
                                           String keyPath) {
        if (!(user instanceof Map)) {
            if (user != null) {
                throw new ConfigurationException(keyPath, "must be an object");
            }
            return base;
        }
        Map<String, Object> m = (Map<String, Object>) user;
        String bound = keyPath.endsWith(".min") ? "min" : "max";
        Reducer type = m.containsKey("type") ? Reducer.fromPotName(String.valueOf(m.get("type")), keyPath + ".type")
                : base != null ? base.type() : (bound.equals("min") ? Reducer.MIN : Reducer.MAX);
        Aggregator aggregator = weights ? null : m.containsKey("aggregator")
                ? Aggregator.fromPotName(String.valueOf(m.get("aggregator")), keyPath + ".aggregator")
                : base != null ? base.aggregator() : Aggregator.MEAN;
        double prob = m.containsKey("outlier_prob") ? number(m.get("outlier_prob"), keyPath + ".outlier_prob")
                : base != null ? base.outlierProb() : QUANTILE_OUTLIER_PROB;
        if (type.isQuantile() && prob == 0) {
            prob = QUANTILE_OUTLIER_PROB;
        }
        Granularity granularity = m.containsKey("granularity")
                ? Granularity.fromPotName(String.valueOf(m.get("granularity")), keyPath + ".granularity")
                : base != null ? base.granularity() : fqGranularity;
        double clipping = m.containsKey("clipping_value") ? number(m.get("clipping_value"), keyPath + ".clipping_value")
                : base != null ? base.clippingValue() : Double.NaN;
        return new BoundEstimator(bound, type, aggregator, prob, granularity, clipping);
    }

    private static double number(Object value, String keyPath) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        throw new ConfigurationException(keyPath, "must be a number, got '" + value + "'");
    }
}
