package org.pot4j.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

/**
 * Checks the names and types of DefaultQuantization's {@code params} (POT_SPEC §2.1, §2.2); unknown names are errors.
 * Values are left as they are: the algorithm binds them to its own records.
 */
final class DefaultQuantizationParams {
    static final String NAME = "DefaultQuantization";

    private static final Set<String> KEYS = Set.of("preset", "stat_subset_size", "stat_batch_size", "shuffle_data", "seed",
            "ignored", "model_type", "use_fast_bias", "use_layerwise_tuning", "saturation_fix", "threshold",
            "apply_for_all_nodes", "weights", "activations", "range_estimator");
    private static final Set<String> IGNORED_KEYS = Set.of("scope", "operations", "skip_model");
    private static final Set<String> QUANTIZER_KEYS = Set.of("bits", "mode", "granularity", "level_low", "level_high",
            "range_estimator");
    private static final Set<String> ESTIMATOR_KEYS = Set.of("preset", "min", "max");
    private static final Set<String> BOUND_KEYS = Set.of("type", "outlier_prob", "granularity", "clipping_value", "aggregator");
    private static final Set<String> WEIGHT_BOUND_KEYS = Set.of("type", "outlier_prob", "granularity", "clipping_value");
    static final List<String> MODES = names(QuantizationMode.values());
    static final List<String> GRANULARITIES = List.of(Granularity.PER_TENSOR.potName(), Granularity.PER_CHANNEL.potName());
    private static final List<String> REDUCERS = List.of(Reducer.MIN.potName(), Reducer.MAX.potName(),
            Reducer.ABS_MAX.potName(), Reducer.QUANTILE.potName(), Reducer.ABS_QUANTILE.potName());
    private static final List<String> AGGREGATORS = names(Aggregator.values());
    static final List<String> MODEL_TYPES = List.of("None", "transformer");

    private DefaultQuantizationParams() {
    }

    /**
     * Validates {@code params}.
     *
     * @param stageNames the cascade's stage names ({@code ignored} is then per stage), empty for a single model
     */
    static void validate(ConfigNode params, List<String> stageNames) {
        params.allowOnly(KEYS);
        params.opt("preset").ifPresent(p -> {
            String s = p.string();
            if (!Presets.NAMES.contains(s) && !Presets.ALIASES.containsKey(s)) {
                throw p.error("'" + s + "' is not one of " + String.join(", ", Presets.NAMES));
            }
        });
        params.opt("stat_subset_size").ifPresent(n -> n.integerAtLeast(1));
        params.opt("stat_batch_size").ifPresent(n -> n.integerAtLeast(1));
        params.opt("shuffle_data").ifPresent(ConfigNode::bool);
        params.opt("seed").ifPresent(ConfigNode::longValue);
        params.opt("model_type").ifPresent(n -> n.oneOf(MODEL_TYPES));
        params.opt("use_fast_bias").ifPresent(ConfigNode::bool);
        params.opt("use_layerwise_tuning").ifPresent(ConfigNode::bool);
        params.opt("apply_for_all_nodes").ifPresent(ConfigNode::bool);
        params.opt("saturation_fix").ifPresent(n -> n.oneOf(List.of("no", "first_layer", "all")));
        params.opt("threshold").ifPresent(ConfigNode::number);
        params.opt("ignored").ifPresent(n -> ignored(n, stageNames));
        params.opt("weights").ifPresent(n -> quantizer(n, false));
        params.opt("activations").ifPresent(n -> quantizer(n, true));
        params.opt("range_estimator").ifPresent(n -> rangeEstimator(n, true));
    }

    private static void ignored(ConfigNode node, List<String> stageNames) {
        if (stageNames.isEmpty()) {
            ignoredScope(node);
            return;
        }
        // Cascades: one ignored scope per stage, keyed by stage name (POT_SPEC §14).
        node.allowOnly(new HashSet<>(stageNames));
        for (String stage : node.keys()) {
            node.opt(stage).ifPresent(DefaultQuantizationParams::ignoredScope);
        }
    }

    private static void ignoredScope(ConfigNode node) {
        node.allowOnly(IGNORED_KEYS);
        node.opt("scope").ifPresent(scope -> {
            for (ConfigNode entry : scope.list()) {
                if (entry.json().isArray()) {
                    entry.list().forEach(ConfigNode::nonBlankString);
                } else {
                    entry.nonBlankString();
                }
            }
        });
        node.opt("operations").ifPresent(ops -> {
            for (ConfigNode op : ops.list()) {
                op.allowOnly(Set.of("type", "attributes"));
                op.require("type").nonBlankString();
                op.opt("attributes").ifPresent(ConfigNode::object);
            }
        });
        node.opt("skip_model").ifPresent(ConfigNode::bool);
    }

    private static void quantizer(ConfigNode node, boolean activations) {
        node.allowOnly(QUANTIZER_KEYS);
        node.opt("bits").ifPresent(b -> {
            int bits = b.integer();
            if (bits < 1 || bits > 32) {
                throw b.error("must be in [1, 32], got " + bits);
            }
        });
        node.opt("mode").ifPresent(n -> n.oneOf(MODES));
        node.opt("granularity").ifPresent(n -> n.oneOf(GRANULARITIES));
        node.opt("level_low").ifPresent(ConfigNode::longValue);
        node.opt("level_high").ifPresent(ConfigNode::longValue);
        node.opt("range_estimator").ifPresent(n -> rangeEstimator(n, activations));
    }

    private static void rangeEstimator(ConfigNode node, boolean withAggregator) {
        node.allowOnly(ESTIMATOR_KEYS);
        node.opt("preset").ifPresent(n -> n.oneOf(List.of("default", "quantile")));
        for (String bound : List.of("min", "max")) {
            node.opt(bound).ifPresent(b -> {
                // weights are constants: their statistics are not aggregated over samples
                b.allowOnly(withAggregator ? BOUND_KEYS : WEIGHT_BOUND_KEYS);
                b.opt("type").ifPresent(n -> n.oneOf(REDUCERS));
                b.opt("outlier_prob").ifPresent(n -> {
                    double p = n.number();
                    if (p < 0 || p > 1) {
                        throw n.error("must be in [0, 1], got " + p);
                    }
                });
                b.opt("granularity").ifPresent(n -> n.oneOf(GRANULARITIES));
                b.opt("clipping_value").ifPresent(ConfigNode::number);
                b.opt("aggregator").ifPresent(n -> n.oneOf(AGGREGATORS));
            });
        }
    }

    private static List<String> names(Enum<?>[] values) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Enum<?> v : values) {
            if (v instanceof QuantizationMode) {
                out.add(((QuantizationMode) v).potName());
            } else {
                out.add(((Aggregator) v).potName());
            }
        }
        return List.copyOf(out);
    }
}
