package org.pot4j.api.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.PortRef;

/** Which statistics to compute at which output ports during a predict pass. Immutable; see {@link #builder()}. */
public final class StatisticsRequest {
    private static final StatisticsRequest EMPTY = new StatisticsRequest(Map.of());
    private final Map<PortRef, List<Statistic>> byPort;

    private StatisticsRequest(Map<PortRef, List<Statistic>> byPort) {
        this.byPort = byPort;
    }

    /** {@return a request for no statistics} */
    public static StatisticsRequest empty() {
        return EMPTY;
    }

    /** {@return a builder for a new request} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return true when no statistic is requested at any port} */
    public boolean isEmpty() {
        return byPort.isEmpty();
    }

    /** {@return the ports with statistics, in the order they were added} */
    public Set<PortRef> ports() {
        return byPort.keySet();
    }

    /**
     * The statistics requested at one port.
     *
     * @param port an output port
     * @return its statistics in the order they were added; empty when it has none
     */
    public List<Statistic> at(PortRef port) {
        return byPort.getOrDefault(port, List.of());
    }

    /** Builds a request; adding a second statistic of the same name at one port fails. */
    public static final class Builder {
        private final Map<PortRef, List<Statistic>> byPort = new LinkedHashMap<>();

        /**
         * Requests a statistic at a port.
         *
         * @param port      the output port to observe
         * @param statistic the statistic to compute there
         * @return this builder
         * @throws IllegalArgumentException when a statistic of the same name is already requested at {@code port}
         */
        public Builder add(PortRef port, Statistic statistic) {
            List<Statistic> list = byPort.computeIfAbsent(port, p -> new ArrayList<>());
            for (Statistic s : list) {
                if (s.name().equals(statistic.name())) {
                    throw new IllegalArgumentException("statistic '" + statistic.name() + "' requested twice at " + port);
                }
            }
            list.add(statistic);
            return this;
        }

        /** {@return an immutable request with everything added so far} */
        public StatisticsRequest build() {
            Map<PortRef, List<Statistic>> copy = new LinkedHashMap<>();
            byPort.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return new StatisticsRequest(Collections.unmodifiableMap(copy));
        }
    }
}
