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

    public CollectedStatistics(Map<PortRef, Map<String, Tensor>> values) {
        Map<PortRef, Map<String, Tensor>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        this.values = Collections.unmodifiableMap(copy);
    }

    public static CollectedStatistics empty() {
        return EMPTY;
    }

    /** Every port's statistics. */
    public Map<PortRef, Map<String, Tensor>> asMap() {
        return values;
    }

    /** Statistic {@code name} at {@code port}. */
    public Optional<Tensor> get(PortRef port, String name) {
        return Optional.ofNullable(values.getOrDefault(port, Map.of()).get(name));
    }

    /**
     * Statistic {@code name} at {@code port}.
     *
     * @throws IllegalStateException naming the port and statistic when it was not collected
     */
    public Tensor require(PortRef port, String name) {
        return get(port, name).orElseThrow(
                () -> new IllegalStateException("statistic '" + name + "' was not collected at " + port));
    }
}
