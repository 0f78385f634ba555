package org.pot4j.quantization.statistics;

import java.util.Objects;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/**
 * One statistic at one port: what goes into a statistics request and finds its value in the collected statistics.
 * Two parts asking for an equal statistic at the same port share one key (and one value).
 *
 * @param port      the output port the statistic is computed on
 * @param statistic the statistic (a record, so equal statistics are equal keys)
 */
public record StatisticKey(PortRef port, Statistic statistic) {
    public StatisticKey {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(statistic, "statistic");
    }

    /**
     * This statistic's value in {@code collected}.
     *
     * @throws IllegalStateException naming the port and statistic when it was not collected
     */
    public Tensor in(CollectedStatistics collected) {
        return collected.require(port, statistic.name());
    }
}
