package org.pot4j.api.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/** The results of a statistics request: per port, per statistic name, one tensor. */
public final class CollectedStatistics {
    private static final CollectedStatistics EMPTY = new CollectedStatistics(Map.of());
    private final Map<PortRef, Map<String, Tensor>> values;

    /**
     * Results holding an unmodifiable copy of {@code values}, in their order.
     *
     * @param values per port, the tensor of each statistic by name
     */
    public CollectedStatistics(Map<PortRef, Map<String, Tensor>> values) {
        Map<PortRef, Map<String, Tensor>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.values = Collections.unmodifiableMap(copy);
    }

    /** {@return results without any statistic, for algorithms that asked for none} */
    public static CollectedStatistics empty() {
        return EMPTY;
    }

    /** {@return every port's statistics by name, unmodifiable} */
    public Map<PortRef, Map<String, Tensor>> asMap() {
        return values;
    }

    /**
     * Looks up one statistic.
     *
     * @param port the port it was requested at
     * @param name the statistic's {@link Statistic#name()}
     * @return its value, or empty when it was not collected
     */
    public Optional<Tensor> get(PortRef port, String name) {
        return Optional.ofNullable(values.getOrDefault(port, Map.of()).get(name));
    }

    /**
     * Looks up one statistic that must have been collected.
     *
     * @param port the port it was requested at
     * @param name the statistic's {@link Statistic#name()}
     * @return its value
     * @throws IllegalStateException naming the port and statistic when it was not collected
     */
    public Tensor require(PortRef port, String name) {
        return get(port, name).orElseThrow(
                () -> new IllegalStateException("statistic '" + name + "' was not collected at " + port));
    }
}
