package org.pot4j.quantization;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.config.ConfigValues;
import org.pot4j.core.hardware.HardwareConfigs;
import org.pot4j.quantization.config.Preset;
import org.pot4j.quantization.config.SchemeFilter;
import org.pot4j.quantization.placement.IgnoredScope;
import org.pot4j.quantization.placement.IgnoredScopes;
import org.pot4j.quantization.placement.QuantizerGroup;
import org.pot4j.quantization.range.RangeEstimatorParams;

/**
 * DefaultQuantization's {@code params} (POT_SPEC §2.1) with the compression section's common keys, bound and checked
 * in one place: {@link #bind}. Every error names the parameter under {@code params.}; unknown keys are errors.
 *
 * @param targetDevice     the compression section's target device (ANY, CPU, GPU, NPU, VPU, GNA, ...)
 * @param preset           performance, mixed or accuracy
 * @param statSubsetSize   samples for statistics
 * @param statBatchSize    samples per statistics batch
 * @param ignored          the ignored scope of a single model, or of each stage of a cascade
 * @param transformer      {@code model_type: transformer}
 * @param useFastBias      FastBiasCorrection (true) or BiasCorrection (false, not available yet)
 * @param saturationFix    {@code no}, {@code first_layer} or {@code all}
 * @param threshold        the largest relative bias change FastBiasCorrection accepts
 * @param applyForAllNodes correct biases of ops without quantized weights too
 * @param filters          the user's scheme values per group
 * @param rangeEstimators  the user's range estimators per group ({@link RangeEstimatorParams#DEFAULT} when none)
 * @param shuffleSeed      {@code shuffle_data: true}: the {@code seed} of POT's random statistics subset (CPython's
 *                         {@code random.sample}, reproduced by core's {@code PythonRandom}); absent: the first samples
 */
public record DefaultQuantizationParameters(String targetDevice, Preset preset, int statSubsetSize, int statBatchSize,
                                            IgnoredScopes ignored, boolean transformer, boolean useFastBias,
                                            String saturationFix, double threshold, boolean applyForAllNodes,
                                            Map<QuantizerGroup, SchemeFilter> filters,
                                            Map<QuantizerGroup, RangeEstimatorParams> rangeEstimators,
                                            OptionalLong shuffleSeed) {
    /** POT's {@code stat_subset_size} in its DefaultQuantization template (the {@code -q default} command line). */
    public static final int DEFAULT_STAT_SUBSET_SIZE = 300;
    public static final int DEFAULT_STAT_BATCH_SIZE = 1;
    public static final Preset DEFAULT_PRESET = Preset.PERFORMANCE;
    public static final String DEFAULT_SATURATION_FIX = "first_layer";
    /** FastBiasCorrection's default {@code threshold}. */
    public static final double DEFAULT_THRESHOLD = 2.0;
    public static final long DEFAULT_SEED = 0;
    static final String TRANSFORMER = "transformer";
    private static final System.Logger LOG = System.getLogger(DefaultQuantizationParameters.class.getName());
    private static final String PREFIX = "params.";
    private static final Set<String> KEYS = Set.of("target_device", "preset", "stat_subset_size", "stat_batch_size",
            "shuffle_data", "seed", "ignored", "model_type", "use_fast_bias", "use_layerwise_tuning", "saturation_fix",
            "threshold", "apply_for_all_nodes", "weights", "activations", "range_estimator");
    private static final Set<String> QUANTIZER_KEYS = union(SchemeFilter.KEYS, Set.of("range_estimator"));

    public DefaultQuantizationParameters {
        filters = Map.copyOf(filters);
        rangeEstimators = Map.copyOf(rangeEstimators);
    }

    /** The ignored scope of the model or cascade stage called {@code modelName}. */
    public IgnoredScope ignoredFor(String modelName) {
        return ignored.of(modelName);
    }

    /**
     * Binds {@code settings}: its params, and its target device and model type. A {@code target_device} in the params
     * (which POT configurations may carry) is checked and then ignored: the compression section's applies, as POT's
     * configuration reader sets it over the params' one; a warning says so when they differ. The compression
     * section's {@code model_type} likewise applies over a params-level one, which counts when the section has none.
     *
     * @throws ConfigurationException naming the parameter ({@code params.preset}, ...)
     */
    public static DefaultQuantizationParameters bind(AlgorithmSettings settings) {
        ConfigValues params = new ConfigValues(settings.params(), KEYS, PREFIX);
        if (params.optBoolean("use_layerwise_tuning").orElse(false)) {
            throw new ConfigurationException(params.path("use_layerwise_tuning"),
                    "layer-wise tuning is not available in pot4j");
        }
        if (!params.optBoolean("use_fast_bias").orElse(true)) {
            throw new ConfigurationException(params.path("use_fast_bias"),
                    "BiasCorrection (use_fast_bias: false) is not available yet; use FastBiasCorrection (true)");
        }
        String device = settings.targetDevice();
        params.optOneOf("target_device", List.copyOf(HardwareConfigs.targetDevices()))
                .filter(given -> !given.equals(device))
                .ifPresent(given -> LOG.log(System.Logger.Level.WARNING, "DefaultQuantization: {0} ''{1}'' is ignored:"
                        + " the compression section''s target_device ''{2}'' applies, as in POT",
                        params.path("target_device"), given, device));
        Optional<String> paramsModelType = params.optOneOf("model_type", List.of("None", TRANSFORMER))
                .filter(t -> !t.equals("None"));
        String modelType = settings.modelType().or(() -> paramsModelType).orElse("None");
        Preset preset = params.optString("preset").map(p -> Preset.fromPotName(p, params.path("preset")))
                .orElse(DEFAULT_PRESET);
        boolean shuffle = params.optBoolean("shuffle_data").orElse(false);
        long seed = params.optLong("seed").orElse(DEFAULT_SEED);
        Map<QuantizerGroup, SchemeFilter> filters = new EnumMap<>(QuantizerGroup.class);
        Map<QuantizerGroup, RangeEstimatorParams> estimators = new EnumMap<>(QuantizerGroup.class);
        // a top-level range_estimator applies to both groups unless a group has its own
        RangeEstimatorParams common = rangeEstimator(params, true).orElse(RangeEstimatorParams.DEFAULT);
        for (QuantizerGroup group : List.of(QuantizerGroup.WEIGHTS, QuantizerGroup.ACTIVATIONS)) {
            Optional<ConfigValues> values = params.optObject(group.configName(), QUANTIZER_KEYS);
            filters.put(group, values.map(SchemeFilter::bind).orElse(SchemeFilter.NONE));
            estimators.put(group, values.flatMap(v -> rangeEstimator(v, group == QuantizerGroup.ACTIVATIONS))
                    .orElse(common));
        }
        return new DefaultQuantizationParameters(device, preset,
                params.optIntAtLeast("stat_subset_size", 1).orElse(DEFAULT_STAT_SUBSET_SIZE),
                params.optIntAtLeast("stat_batch_size", 1).orElse(DEFAULT_STAT_BATCH_SIZE),
                IgnoredScopes.bind(params), modelType.equals(TRANSFORMER), true,
                params.optOneOf("saturation_fix", List.of("no", "first_layer", "all")).orElse(DEFAULT_SATURATION_FIX),
                params.optNumber("threshold").orElse(DEFAULT_THRESHOLD),
                params.optBoolean("apply_for_all_nodes").orElse(false), filters, estimators,
                shuffle ? OptionalLong.of(seed) : OptionalLong.empty());
    }

    private static Optional<RangeEstimatorParams> rangeEstimator(ConfigValues parent, boolean withAggregator) {
        return parent.optObject("range_estimator", RangeEstimatorParams.KEYS)
                .map(v -> RangeEstimatorParams.bind(v, withAggregator));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return Set.copyOf(out);
    }
}
