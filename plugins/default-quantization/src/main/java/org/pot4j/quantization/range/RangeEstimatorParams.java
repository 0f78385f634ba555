package org.pot4j.quantization.range;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.config.ConfigValues;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

/**
 * A {@code range_estimator} object of DefaultQuantization's params (POT_SPEC §2.2), bound and checked: the preset,
 * and what its {@code min} and {@code max} objects override of the preset's estimators, key by key.
 *
 * @param quantilePreset {@code preset: quantile} (false: {@code default})
 * @param min            the {@code min} object, when given
 * @param max            the {@code max} object, when given
 */
public record RangeEstimatorParams(boolean quantilePreset, Optional<BoundParams> min, Optional<BoundParams> max) {
    /** No range_estimator object: the default preset as it is. */
    public static final RangeEstimatorParams DEFAULT = new RangeEstimatorParams(false, Optional.empty(), Optional.empty());
    /** The keys of a range_estimator object. */
    public static final Set<String> KEYS = Set.of("preset", "min", "max");
    private static final Set<String> ACTIVATION_BOUND_KEYS = Set.of("type", "outlier_prob", "granularity",
            "clipping_value", "aggregator");
    /** Weights are constants: their statistics are not aggregated over samples. */
    private static final Set<String> WEIGHT_BOUND_KEYS = Set.of("type", "outlier_prob", "granularity", "clipping_value");
    private static final List<String> REDUCERS = List.of(Reducer.MIN, Reducer.MAX, Reducer.ABS_MAX, Reducer.QUANTILE,
            Reducer.ABS_QUANTILE).stream().map(Reducer::potName).toList();
    private static final List<String> AGGREGATORS = Arrays.stream(Aggregator.values()).map(Aggregator::potName).toList();
    private static final List<String> GRANULARITIES = Arrays.stream(Granularity.values()).map(Granularity::potName)
            .toList();

    public RangeEstimatorParams {
        min = min == null ? Optional.empty() : min;
        max = max == null ? Optional.empty() : max;
    }

    /**
     * Binds a range_estimator object read with {@link #KEYS}.
     *
     * @param withAggregator false for weights' objects, whose bounds take no {@code aggregator}
     * @throws ConfigurationException naming the key ({@code params.weights.range_estimator.max.type})
     */
    public static RangeEstimatorParams bind(ConfigValues values, boolean withAggregator) {
        boolean quantile = values.optOneOf("preset", List.of("default", "quantile")).map("quantile"::equals)
                .orElse(false);
        Set<String> boundKeys = withAggregator ? ACTIVATION_BOUND_KEYS : WEIGHT_BOUND_KEYS;
        return new RangeEstimatorParams(quantile,
                values.optObject("min", boundKeys).map(RangeEstimatorParams::bound),
                values.optObject("max", boundKeys).map(RangeEstimatorParams::bound));
    }

    private static BoundParams bound(ConfigValues b) {
        OptionalDouble outlierProb = optDouble(b, "outlier_prob");
        if (outlierProb.isPresent() && !(outlierProb.getAsDouble() >= 0 && outlierProb.getAsDouble() <= 1)) {
            throw new ConfigurationException(b.path("outlier_prob"), "must be in [0, 1], got " + outlierProb.getAsDouble());
        }
        return new BoundParams(
                b.optOneOf("type", REDUCERS).map(t -> Reducer.fromPotName(t, b.path("type"))),
                b.optOneOf("aggregator", AGGREGATORS).map(a -> Aggregator.fromPotName(a, b.path("aggregator"))),
                outlierProb,
                b.optOneOf("granularity", GRANULARITIES).map(g -> Granularity.fromPotName(g, b.path("granularity"))),
                optDouble(b, "clipping_value"));
    }

    private static OptionalDouble optDouble(ConfigValues values, String key) {
        return values.optNumber(key).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /**
     * What a {@code min} or {@code max} object sets; the rest comes from the preset.
     *
     * @param type          the reducer
     * @param aggregator    the aggregator over samples (activations only)
     * @param outlierProb   the quantile reducers' outlier probability, in [0, 1]
     * @param granularity   per-tensor or per-channel
     * @param clippingValue the clipping value
     */
    public record BoundParams(Optional<Reducer> type, Optional<Aggregator> aggregator, OptionalDouble outlierProb,
                              Optional<Granularity> granularity, OptionalDouble clippingValue) {
        /** An object that sets nothing ({@code "min": {}}). */
        public static final BoundParams NONE = new BoundParams(Optional.empty(), Optional.empty(), OptionalDouble.empty(),
                Optional.empty(), OptionalDouble.empty());
    }
}
