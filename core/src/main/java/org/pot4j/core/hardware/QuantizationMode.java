package org.pot4j.core.hardware;

import org.pot4j.api.error.ConfigurationException;

/** Symmetric (zero point 0) or asymmetric quantization, as POT's {@code mode}. */
public enum QuantizationMode {
    SYMMETRIC("symmetric"),
    ASYMMETRIC("asymmetric");

    private final String potName;

    QuantizationMode(String potName) {
        this.potName = potName;
    }

    /** {@code symmetric} or {@code asymmetric}. */
    public String potName() {
        return potName;
    }

    /**
     * The mode POT calls {@code name}.
     *
     * @throws ConfigurationException at {@code keyPath} when the name is unknown
     */
    public static QuantizationMode fromPotName(String name, String keyPath) {
        for (QuantizationMode m : values()) {
            if (m.potName.equals(name)) {
                return m;
            }
        }
        throw new ConfigurationException(keyPath, "'" + name + "' is not one of symmetric, asymmetric");
    }
}
