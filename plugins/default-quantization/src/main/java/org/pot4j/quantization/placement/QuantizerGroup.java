package org.pot4j.quantization.placement;

/** What a FakeQuantize quantizes, as POT's groups: weights (a constant input), activations, or GNA outputs. */
public enum QuantizerGroup {
    WEIGHTS("weights"),
    ACTIVATIONS("activations"),
    OUTPUTS("outputs");

    private final String configName;

    QuantizerGroup(String configName) {
        this.configName = configName;
    }

    /** The key in hardware configurations and algorithm parameters. */
    public String configName() {
        return configName;
    }
}
