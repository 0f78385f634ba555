package org.pot4j.quantization;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.quantization.config.Preset;
import org.pot4j.quantization.config.SchemeFilter;
import org.pot4j.quantization.placement.IgnoredScope;
import org.pot4j.quantization.placement.QuantizerGroup;

/**
 * DefaultQuantization's {@code params} (POT_SPEC §2.1), bound and checked; every error names the parameter.
 *
 * @param targetDevice    ANY, CPU, GPU, NPU, VPU or GNA
 * @param preset          performance, mixed or accuracy
 * @param statSubsetSize  samples for statistics (0 = the whole data set)
 * @param statBatchSize   samples per statistics batch
 * @param ignored         the ignored scope (of a single model, or the default of a cascade's stages)
 * @param stageIgnored    a cascade's ignored scopes by stage name ({@code ignored: {<stage>: {...}}}, POT_SPEC §14)
 * @param transformer     {@code model_type: transformer}
 * @param useFastBias     FastBiasCorrection (true) or BiasCorrection (false, not available yet)
 * @param saturationFix   {@code no}, {@code first_layer} or {@code all}
 * @param threshold       the largest relative bias change FastBiasCorrection accepts
 * @param applyForAllNodes correct biases of ops without quantized weights too
 * @param filters         the user's scheme values per group
 * @param rangeEstimators the user's range estimator objects per group
 * @param shuffleSeed     {@code shuffle_data: true}: the {@code seed} of POT's random statistics subset (CPython's
 *                        {@code random.sample}, reproduced by core's {@code PythonRandom}); absent: the first samples
 */
public record DefaultQuantizationParameters(String targetDevice, Preset preset, int statSubsetSize, int statBatchSize,
                                            IgnoredScope ignored, Map<String, IgnoredScope> stageIgnored,
                                            boolean transformer, boolean useFastBias,
                                            String saturationFix, double threshold, boolean applyForAllNodes,
                                            Map<QuantizerGroup, SchemeFilter> filters,
                                            Map<QuantizerGroup, Map<String, Object>> rangeEstimators,
                                            OptionalLong shuffleSeed) {
    /** POT's default {@code stat_subset_size} in its DefaultQuantization template. */
    public static final int DEFAULT_SUBSET_SIZE = 300;
    private static final Set<String> IGNORED_KEYS = Set.of("scope", "operations", "skip_model");
    private static final Set<String> KNOWN = Set.of("target_device", "preset", "stat_subset_size", "stat_batch_size",
            "shuffle_data", "seed", "ignored", "model_type", "use_fast_bias", "use_layerwise_tuning", "saturation_fix",
            "threshold", "apply_for_all_nodes", "weights", "activations", "range_estimator", "inplace_statistics",
            "dump_intermediate_model");

    public DefaultQuantizationParameters {
        stageIgnored = Map.copyOf(stageIgnored);
        filters = Map.copyOf(filters);
        rangeEstimators = Map.copyOf(rangeEstimators);
    }

    /** The ignored scope of the model or cascade stage called {@code modelName}. */
    public IgnoredScope ignoredFor(String modelName) {
        return stageIgnored.getOrDefault(modelName, ignored);
    }

    /**
     * Binds {@code params}.
     *
     * @throws ConfigurationException naming the parameter ({@code params.preset}, ...)
     */
    public static DefaultQuantizationParameters bind(Map<String, Object> params) {
        for (String key : params.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new ConfigurationException("params." + key, "unknown DefaultQuantization parameter");
            }
        }
        if (bool(params, "use_layerwise_tuning", false)) {
            throw new ConfigurationException("params.use_layerwise_tuning", "layer-wise tuning is not available in pot4j");
        }
        boolean shuffle = bool(params, "shuffle_data", false);
        double seedValue = number(params, "seed", 0);
        long seed = (long) seedValue;
        if (seedValue != seed) {
            throw new ConfigurationException("params.seed", "must be an integer, got " + params.get("seed"));
        }
        boolean useFastBias = bool(params, "use_fast_bias", true);
        if (!useFastBias) {
            throw new ConfigurationException("params.use_fast_bias",
                    "BiasCorrection (use_fast_bias: false) is not available yet; use FastBiasCorrection (true)");
        }
        String device = string(params, "target_device", "ANY");
        Preset preset = Preset.fromPotName(string(params, "preset", "performance"), "params.preset");
        String modelType = string(params, "model_type", "None");
        if (!modelType.equals("None") && !modelType.equals("transformer")) {
            throw new ConfigurationException("params.model_type", "'" + modelType + "' is not one of None, transformer");
        }
        String saturation = string(params, "saturation_fix", "first_layer");
        if (!List.of("no", "first_layer", "all").contains(saturation)) {
            throw new ConfigurationException("params.saturation_fix", "'" + saturation + "' is not one of no, first_layer, all");
        }
        Map<QuantizerGroup, SchemeFilter> filters = new java.util.EnumMap<>(QuantizerGroup.class);
        Map<QuantizerGroup, Map<String, Object>> estimators = new java.util.EnumMap<>(QuantizerGroup.class);
        Map<String, Object> common = map(params, "range_estimator", "params.range_estimator");
        for (QuantizerGroup g : List.of(QuantizerGroup.WEIGHTS, QuantizerGroup.ACTIVATIONS)) {
            String key = g.configName();
            Map<String, Object> m = map(params, key, "params." + key);
            filters.put(g, filter(m, "params." + key));
            Map<String, Object> own = map(m, "range_estimator", "params." + key + ".range_estimator");
            estimators.put(g, own.isEmpty() ? common : own);
        }
        Map<String, Object> ignoredMap = map(params, "ignored", "params.ignored");
        // a cascade's ignored parameters are keyed by stage name instead of scope/operations/skip_model
        boolean perStage = !IGNORED_KEYS.containsAll(ignoredMap.keySet());
        Map<String, IgnoredScope> stageIgnored = new java.util.LinkedHashMap<>();
        if (perStage) {
            for (String stage : ignoredMap.keySet()) {
                stageIgnored.put(stage, ignored(map(ignoredMap, stage, "params.ignored." + stage), "params.ignored." + stage));
            }
        }
        return new DefaultQuantizationParameters(device, preset,
                integer(params, "stat_subset_size", DEFAULT_SUBSET_SIZE, 1), integer(params, "stat_batch_size", 1, 1),
                perStage ? IgnoredScope.NONE : ignored(ignoredMap, "params.ignored"), stageIgnored,
                modelType.equals("transformer"), useFastBias,
                saturation, number(params, "threshold", 2.0), bool(params, "apply_for_all_nodes", false), filters,
                estimators, shuffle ? OptionalLong.of(seed) : OptionalLong.empty());
    }

    private static SchemeFilter filter(Map<String, Object> m, String path) {
        OptionalInt bits = m.containsKey("bits") ? OptionalInt.of(integer(m, "bits", 8, 1)) : OptionalInt.empty();
        Optional<QuantizationMode> mode = m.containsKey("mode")
                ? Optional.of(QuantizationMode.fromPotName(String.valueOf(m.get("mode")), path + ".mode")) : Optional.empty();
        Optional<Granularity> granularity = m.containsKey("granularity")
                ? Optional.of(Granularity.fromPotName(String.valueOf(m.get("granularity")), path + ".granularity"))
                : Optional.empty();
        OptionalLong low = m.containsKey("level_low") ? OptionalLong.of((long) number(m, "level_low", 0)) : OptionalLong.empty();
        OptionalLong high = m.containsKey("level_high") ? OptionalLong.of((long) number(m, "level_high", 0)) : OptionalLong.empty();
        return new SchemeFilter(bits, mode, granularity, low, high);
    }

    @SuppressWarnings("unchecked")
    private static IgnoredScope ignored(Map<String, Object> m, String path) {
        Set<String> scope = new HashSet<>();
        Object s = m.getOrDefault("scope", List.of());
        if (!(s instanceof List)) {
            throw new ConfigurationException(path + ".scope", "must be a list of node names");
        }
        for (Object entry : (List<Object>) s) {
            // a nested-subgraph name may be given as a list of names, joined by POT with '|'
            scope.add(entry instanceof List ? String.join("|", ((List<Object>) entry).stream().map(String::valueOf).toList())
                    : String.valueOf(entry));
        }
        List<IgnoredScope.OperationPattern> ops = new ArrayList<>();
        Object o = m.getOrDefault("operations", List.of());
        if (!(o instanceof List)) {
            throw new ConfigurationException(path + ".operations", "must be a list of {type, attributes}");
        }
        int i = 0;
        for (Object entry : (List<Object>) o) {
            if (!(entry instanceof Map) || !(((Map<String, Object>) entry).get("type") instanceof String)) {
                throw new ConfigurationException(path + ".operations[" + i + "]", "needs a 'type'");
            }
            Map<String, Object> op = (Map<String, Object>) entry;
            ops.add(new IgnoredScope.OperationPattern((String) op.get("type"),
                    map(op, "attributes", path + ".operations[" + i + "].attributes")));
            i++;
        }
        return new IgnoredScope(scope, ops, bool(m, "skip_model", false));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key, String path) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map)) {
            throw new ConfigurationException(path, "must be an object");
        }
        return (Map<String, Object>) v;
    }

    private static String string(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String)) {
            throw new ConfigurationException("params." + key, "must be a string, got " + v);
        }
        return (String) v;
    }

    private static boolean bool(Map<String, Object> m, String key, boolean fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean)) {
            throw new ConfigurationException("params." + key, "must be true or false, got " + v);
        }
        return (Boolean) v;
    }

    private static int integer(Map<String, Object> m, String key, int fallback, int min) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw new ConfigurationException("params." + key, "must be an integer, got " + v);
        }
        int i = ((Number) v).intValue();
        if (i < min) {
            throw new ConfigurationException("params." + key, "must be at least " + min + ", got " + i);
        }
        return i;
    }

    private static double number(Map<String, Object> m, String key, double fallback) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number)) {
            throw new ConfigurationException("params." + key, "must be a number, got " + v);
        }
        return ((Number) v).doubleValue();
    }
}
