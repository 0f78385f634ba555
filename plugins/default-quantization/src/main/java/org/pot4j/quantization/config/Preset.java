package org.pot4j.quantization.config;

import java.util.Locale;
import org.pot4j.api.error.ConfigurationException;

/**
 * POT's presets (POT_SPEC §2.1): {@code performance} (symmetric weights and activations), {@code mixed} (symmetric
 * weights, asymmetric activations), {@code accuracy} (asymmetric both).
 */
public enum Preset {
    PERFORMANCE, MIXED, ACCURACY;

    /** The POT spelling. */
    public String potName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The preset called {@code name} ({@code symmetric} and {@code asymmetric} are POT's aliases).
     *
     * @throws ConfigurationException naming {@code keyPath} and the accepted values
     */
    public static Preset fromPotName(String name, String keyPath) {
        switch (name) {
            case "performance": case "symmetric": return PERFORMANCE;
            case "mixed": return MIXED;
            case "accuracy": case "asymmetric": return ACCURACY;
            default:
                throw new ConfigurationException(keyPath, "'" + name + "' is not one of performance, mixed, accuracy");
        }
    }

    /**
     * The preset POT's command line uses for {@code targetDevice}: CPU/ANY/GPU and unknown devices turn accuracy into
     * mixed, GNA turns mixed into accuracy, NPU keeps accuracy. The API path does not rename.
     */
    public Preset forCommandLine(String targetDevice) {
        String d = targetDevice.toUpperCase(Locale.ROOT);
        if (d.startsWith("GNA")) {
            return this == MIXED ? ACCURACY : this;
        }
        if (d.equals("NPU") || d.equals("VPU")) {
            return this;
        }
        return this == ACCURACY ? MIXED : this;
    }
}
