package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;

/** Adds node names to a base algorithm's {@code ignored.scope}, keeping what the user ignored. */
final class IgnoredScopeMerge {
    private IgnoredScopeMerge() {
    }

    /**
     * The {@code ignored} value with {@code names} appended to its {@code scope} (names already there once).
     *
     * @param ignored the user's {@code ignored} object, or null
     * @param names   the node names to add
     * @return a new {@code ignored} object
     * @throws ConfigurationException when {@code ignored} is not an object (per-stage scopes of a cascade)
     */
    static Map<String, Object> withScope(Object ignored, Set<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (ignored instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
        } else if (ignored != null) {
            throw new ConfigurationException("params.ignored", "AccuracyAwareQuantization extends ignored.scope; give"
                    + " 'ignored' as an object with 'scope' and 'operations'");
        }
        List<Object> scope = new ArrayList<>();
        if (out.get("scope") instanceof List<?> list) {
            scope.addAll(list);
        }
        for (String n : names) {
            if (!scope.contains(n)) {
                scope.add(n);
            }
        }
        out.put("scope", scope);
        return out;
    }
}
