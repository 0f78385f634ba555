package org.pot4j.core.statistics;

import org.pot4j.api.error.ConfigurationException;

/** Whether a statistic is one value per tensor (per sample) or one value per channel, as POT's {@code granularity}. */
public enum Granularity {
    PER_TENSOR("pertensor"),
    PER_CHANNEL("perchannel");

    private final String potName;

    Granularity(String potName) {
        this.potName = potName;
    }

    /** {@code pertensor} or {@code perchannel}. */
    public String potName() {
        return potName;
    }

    /**
     * The granularity POT calls {@code name}.
     *
     * @throws ConfigurationException at {@code keyPath} when the name is unknown
     */
    public static Granularity fromPotName(String name, String keyPath) {
        for (Granularity g : values()) {
            if (g.potName.equals(name)) {
                return g;
            }
        }
        throw new ConfigurationException(keyPath, "'" + name + "' is not one of pertensor, perchannel");
    }
}
