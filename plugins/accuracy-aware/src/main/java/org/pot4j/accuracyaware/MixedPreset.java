package org.pot4j.accuracyaware;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code convert_to_mixed_preset} (spec §2.9): when the base params are "performance", their mixed variant. */
final class MixedPreset {
    private MixedPreset() {
    }

    /**
     * POT's {@code is_preset_performance}: weights and activations modes both symmetric → yes; either asymmetric →
     * no; else the preset is performance (the default).
     */
    static boolean isPerformance(Map<String, Object> params) {
        Object w = mode(params.get("weights"));
        Object a = mode(params.get("activations"));
        if ("symmetric".equals(w) && "symmetric".equals(a)) {
            return true;
        }
        if ("asymmetric".equals(w) || "asymmetric".equals(a)) {
            return false;
        }
        Object preset = params.getOrDefault("preset", "performance");
        return "performance".equals(preset) || "symmetric".equals(preset);
    }

    /** A copy with {@code preset: mixed}, activations mode asymmetric and weights mode symmetric where set. */
    static Map<String, Object> of(Map<String, Object> params) {
        Map<String, Object> out = new LinkedHashMap<>(params);
        out.put("preset", "mixed");
        withMode(out, "activations", "asymmetric");
        withMode(out, "weights", "symmetric");
        return out;
    }

    private static Object mode(Object group) {
        return group instanceof Map<?, ?> m ? m.get("mode") : null;
    }

    private static void withMode(Map<String, Object> params, String group, String mode) {
        if (params.get(group) instanceof Map<?, ?> m && m.containsKey("mode")) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.put("mode", mode);
            params.put(group, copy);
        }
    }
}
