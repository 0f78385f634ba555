package org.pot4j.quantization.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.model.Model;
import org.pot4j.core.config.ConfigValues;

/**
 * DefaultQuantization's {@code ignored} params (POT_SPEC §2.1, §14): the scope of a single model, or one scope per
 * stage of a cascade, keyed by stage name ({@code ignored: {pnet: {scope: [...]}, rnet: {skip_model: true}}}).
 *
 * @param model   the scope of a single model (and of a cascade stage without its own)
 * @param byStage a cascade's scopes by stage name; empty for a single model
 */
public record IgnoredScopes(IgnoredScope model, Map<String, IgnoredScope> byStage) {
    /** Nothing ignored. */
    public static final IgnoredScopes NONE = new IgnoredScopes(IgnoredScope.NONE, Map.of());
    /** The keys of one scope. */
    public static final Set<String> SCOPE_KEYS = Set.of("scope", "operations", "skip_model");
    private static final Set<String> OPERATION_KEYS = Set.of("type", "attributes");

    public IgnoredScopes {
        // in the file's order, so the first unknown stage is the one reported
        byStage = Collections.unmodifiableMap(new LinkedHashMap<>(byStage));
    }

    /** The scope of the model or cascade stage called {@code modelName}. */
    public IgnoredScope of(String modelName) {
        return byStage.getOrDefault(modelName, model);
    }

    /**
     * Binds {@code params.ignored}: keys other than scope/operations/skip_model make it a cascade's per-stage scopes,
     * whose stage names {@link #checkStages} checks against the model once it is known.
     *
     * @throws ConfigurationException naming the key ({@code params.ignored.scope[1]})
     */
    public static IgnoredScopes bind(ConfigValues params) {
        Optional<Map<String, Object>> raw = params.optMap("ignored");
        if (raw.isEmpty()) {
            return NONE;
        }
        if (SCOPE_KEYS.containsAll(raw.get().keySet())) {
            return new IgnoredScopes(scope(params.optObject("ignored", SCOPE_KEYS).orElseThrow()), Map.of());
        }
        ConfigValues stages = params.optObject("ignored", raw.get().keySet()).orElseThrow();
        Map<String, IgnoredScope> byStage = new LinkedHashMap<>();
        for (String stage : stages.keys()) {
            stages.optObject(stage, SCOPE_KEYS).ifPresent(s -> byStage.put(stage, scope(s)));
        }
        return new IgnoredScopes(IgnoredScope.NONE, byStage);
    }

    /**
     * Checks the stage names against {@code model}: every name must be a stage of the cascade, and a single model
     * takes no stage names.
     *
     * @throws ConfigurationException naming the first unknown stage ({@code params.ignored.xnet})
     */
    public void checkStages(Model model) {
        Set<String> stages = new HashSet<>();
        model.subModels().forEach(s -> stages.add(s.name()));
        for (String name : byStage.keySet()) {
            if (!model.isCascade()) {
                throw new ConfigurationException("params.ignored." + name, "unknown key (expected one of "
                        + String.join(", ", new TreeSet<>(SCOPE_KEYS)) + "; stage names are for cascades only)");
            }
            if (!stages.contains(name)) {
                throw new ConfigurationException("params.ignored." + name, "unknown key (expected one of "
                        + String.join(", ", new TreeSet<>(stages)) + ", the stages of cascade '" + model.name() + "')");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static IgnoredScope scope(ConfigValues values) {
        Set<String> scope = new HashSet<>();
        List<Object> entries = values.optList("scope").orElse(List.of());
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            String path = values.path("scope") + "[" + i + "]";
            // a nested-subgraph name may be given as a list of names, joined by POT with '|'
            if (entry instanceof List<?> parts && !parts.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (int j = 0; j < parts.size(); j++) {
                    names.add(nodeName(parts.get(j), path + "[" + j + "]"));
                }
                scope.add(String.join("|", names));
            } else {
                scope.add(nodeName(entry, path));
            }
        }
        List<IgnoredScope.OperationPattern> operations = new ArrayList<>();
        for (ConfigValues op : values.optObjects("operations", OPERATION_KEYS).orElse(List.of())) {
            operations.add(new IgnoredScope.OperationPattern(op.requireString("type"),
                    op.optMap("attributes").orElse(Map.of())));
        }
        return new IgnoredScope(scope, operations, values.optBoolean("skip_model").orElse(false));
    }

    private static String nodeName(Object value, String path) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new ConfigurationException(path, "expected a node name (a non-empty string), got " + value);
        }
        return s;
    }
}
