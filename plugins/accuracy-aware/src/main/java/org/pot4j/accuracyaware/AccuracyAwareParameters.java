package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.config.ConfigValues;

/**
 * AccuracyAwareQuantization's {@code params} (spec §1), bound and checked in one place: {@link #bind}. Keys that are
 * not AccuracyAware's own go to the base algorithm ({@link #baseParams}), which checks them, as POT merges the base
 * algorithm's keys into AccuracyAware's.
 *
 * @param maximalDrop            {@code maximal_drop}, default 0.01
 * @param relative               {@code drop_type: relative} (any other value is absolute, as in POT)
 * @param baseAlgorithm          {@code base_algorithm}, default DefaultQuantization
 * @param maxIterNum             {@code max_iter_num}, default unlimited
 * @param metricSubsetRatio      {@code metric_subset_ratio}, default 0.5 (used only when every metric has a baseline)
 * @param rankingSubsetSize      {@code ranking_subset_size}; empty: min(N, 300)
 * @param usePrevIfDropIncrease  {@code use_prev_if_drop_increase}, default true
 * @param convertToMixedPreset   {@code convert_to_mixed_preset}, default false
 * @param tuneHyperparams        {@code tune_hyperparams}, default false: the grid search of §2.10
 * @param annotationFree         {@code annotation_free}: score by agreement with the FP32 model's outputs
 * @param annotationConfThreshold {@code annotation_conf_threshold}, default 0.6
 * @param metrics                {@code metrics}: the metrics to optimise with optional baselines; empty: all
 * @param sensitivityReport      pot4j's {@code sensitivity_report}: a file to write the per-layer ranking to as JSON
 * @param baseParams             every other key, for the base algorithm
 */
public record AccuracyAwareParameters(double maximalDrop, boolean relative, String baseAlgorithm,
                                      int maxIterNum, double metricSubsetRatio, OptionalInt rankingSubsetSize,
                                      boolean usePrevIfDropIncrease, boolean convertToMixedPreset,
                                      boolean tuneHyperparams,
                                      boolean annotationFree, double annotationConfThreshold,
                                      List<MetricChoice> metrics, Optional<String> sensitivityReport,
                                      Map<String, Object> baseParams) {
    /** POT's default {@code maximal_drop}. */
    public static final double DEFAULT_MAXIMAL_DROP = 0.01;
    /** POT's default {@code base_algorithm}. */
    public static final String DEFAULT_BASE_ALGORITHM = "DefaultQuantization";
    /** POT's default {@code metric_subset_ratio}. */
    public static final double DEFAULT_METRIC_SUBSET_RATIO = 0.5;
    /** POT's cap of the default {@code ranking_subset_size}. */
    public static final int DEFAULT_RANKING_SUBSET_SIZE = 300;
    /** POT's default {@code annotation_conf_threshold}. */
    public static final double DEFAULT_ANNOTATION_CONF_THRESHOLD = 0.6;
    static final Set<String> OWN_KEYS = Set.of("maximal_drop", "drop_type", "base_algorithm", "max_iter_num",
            "metric_subset_ratio", "ranking_subset_size", "use_prev_if_drop_increase", "convert_to_mixed_preset",
            "tune_hyperparams", "annotation_free", "annotation_conf_threshold", "metrics", "exec_log_dir",
            "sensitivity_report");
    private static final String PREFIX = "params.";

    /**
     * One entry of {@code metrics}.
     *
     * @param name     the metric's name, as the pipeline's metric reports it
     * @param baseline {@code baseline_value}, when given
     */
    public record MetricChoice(String name, OptionalDouble baseline) {
    }

    public AccuracyAwareParameters {
        metrics = List.copyOf(metrics);
        baseParams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baseParams));
    }

    /**
     * Binds {@code settings}' params.
     *
     * @throws ConfigurationException naming the parameter ({@code params.maximal_drop}, ...)
     */
    public static AccuracyAwareParameters bind(AlgorithmSettings settings) {
        Map<String, Object> own = new LinkedHashMap<>();
        Map<String, Object> base = new LinkedHashMap<>();
        settings.params().forEach((k, v) -> (OWN_KEYS.contains(k) ? own : base).put(k, v));
        ConfigValues p = new ConfigValues(own, OWN_KEYS, PREFIX);
        double maximalDrop = p.optNumber("maximal_drop").orElse(DEFAULT_MAXIMAL_DROP);
        if (maximalDrop < 0 || Double.isNaN(maximalDrop)) {
            throw new ConfigurationException(p.path("maximal_drop"), "must be 0 or more, got " + maximalDrop);
        }
        boolean relative = p.optString("drop_type").map("relative"::equals).orElse(false);
        int maxIter = p.optIntAtLeast("max_iter_num", 0).orElse(Integer.MAX_VALUE);
        double ratio = p.optNumber("metric_subset_ratio").orElse(DEFAULT_METRIC_SUBSET_RATIO);
        if (!(ratio > 0 && ratio <= 1)) {
            throw new ConfigurationException(p.path("metric_subset_ratio"), "must be in (0, 1], got " + ratio);
        }
        OptionalInt ranking = p.optIntAtLeast("ranking_subset_size", 1).map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        double threshold = p.optNumber("annotation_conf_threshold").orElse(DEFAULT_ANNOTATION_CONF_THRESHOLD);
        List<MetricChoice> metrics = new ArrayList<>();
        p.optObjects("metrics", Set.of("name", "baseline_value", "type")).ifPresent(list -> {
            for (ConfigValues m : list) {
                metrics.add(new MetricChoice(m.requireString("name"), m.optNumber("baseline_value")
                        .map(OptionalDouble::of).orElse(OptionalDouble.empty())));
            }
        });
        p.optString("exec_log_dir");
        return new AccuracyAwareParameters(maximalDrop, relative,
                p.optString("base_algorithm").orElse(DEFAULT_BASE_ALGORITHM), maxIter, ratio, ranking,
                p.optBoolean("use_prev_if_drop_increase").orElse(true),
                p.optBoolean("convert_to_mixed_preset").orElse(false),
                p.optBoolean("tune_hyperparams").orElse(false),
                p.optBoolean("annotation_free").orElse(false), threshold, metrics,
                p.optString("sensitivity_report"), base);
    }

    /** {@return true when every optimised metric has a {@code baseline_value} (then the FP32 run is skipped)} */
    public boolean baselinesGiven() {
        return !metrics.isEmpty() && metrics.stream().allMatch(m -> m.baseline().isPresent());
    }
}
