package org.pot4j.quantization.statistics;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.pot4j.api.engine.StatisticsRequest;

/** The statistics of one pass, gathered from several parts of an algorithm; a key asked for twice is kept once. */
public final class StatisticKeys {
    private final Set<StatisticKey> keys = new LinkedHashSet<>();

    /** Adds {@code key}; returns it, for parts that keep it to read the value later. */
    public StatisticKey add(StatisticKey key) {
        keys.add(key);
        return key;
    }

    public StatisticKeys addAll(Collection<StatisticKey> more) {
        keys.addAll(more);
        return this;
    }

    /**
     * The request, in the order the keys were first added.
     *
     * @throws IllegalArgumentException when two different statistics share a name at one port
     */
    public StatisticsRequest request() {
        StatisticsRequest.Builder builder = StatisticsRequest.builder();
        keys.forEach(k -> builder.add(k.port(), k.statistic()));
        return builder.build();
    }
}
