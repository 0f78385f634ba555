package org.pot4j.quantization.placement;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.Node;

/**
 * POT's {@code ignored} parameters (POT_SPEC §2.1, §4.4): nodes named in {@code scope}, nodes matching an entry of
 * {@code operations} (type equal and every listed attribute equal), or the whole model with {@code skipModel}. An
 * ignored node gets no FakeQuantize on its inputs.
 *
 * @param scope      node names
 * @param operations op types with optional attribute values
 * @param skipModel  ignore the whole (sub)model
 */
public record IgnoredScope(Set<String> scope, List<OperationPattern> operations, boolean skipModel) {
    /** Nothing ignored. */
    public static final IgnoredScope NONE = new IgnoredScope(Set.of(), List.of(), false);

    public IgnoredScope {
        scope = Set.copyOf(scope);
        operations = List.copyOf(operations);
    }

    /** True when {@code node} is ignored. */
    public boolean ignores(Node node) {
        if (skipModel || scope.contains(node.name())) {
            return true;
        }
        for (OperationPattern p : operations) {
            if (p.matches(node)) {
                return true;
            }
        }
        return false;
    }

    /** This scope with more ignored op types (no attributes), as {@code model_type: transformer} adds. */
    public IgnoredScope withTypes(List<String> types) {
        List<OperationPattern> ops = new java.util.ArrayList<>(operations);
        for (String t : types) {
            ops.add(new OperationPattern(t, Map.of()));
        }
        return new IgnoredScope(scope, ops, skipModel);
    }

    /**
     * An ignored op type with attribute values that must all be equal (compared as strings, numbers by value).
     *
     * @param type       the op type (canonical kind or native type)
     * @param attributes attribute values to match
     */
    public record OperationPattern(String type, Map<String, Object> attributes) {
        public OperationPattern {
            attributes = Map.copyOf(attributes);
        }

        boolean matches(Node node) {
            if (!type.equals(node.kind()) && !type.equals(node.nativeType())) {
                return false;
            }
            for (Map.Entry<String, Object> e : attributes.entrySet()) {
                String actual = node.attributes().string(e.getKey()).orElse(null);
                if (actual == null || !sameValue(actual, e.getValue())) {
                    return false;
                }
            }
            return true;
        }

        private static boolean sameValue(String actual, Object expected) {
            String want = expected instanceof List ? String.join(",", ((List<?>) expected).stream().map(String::valueOf).toList())
                    : String.valueOf(expected);
            if (actual.replace(" ", "").equals(want.replace(" ", ""))) {
                return true;
            }
            try {
                return Double.parseDouble(actual) == Double.parseDouble(want);
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }
}
