package org.pot4j.core.plugin;

/** The kinds of factories a plugin contributes; names are unique per kind. */
public enum ExtensionKind {
    ENGINE("engine"),
    ALGORITHM("algorithm"),
    DATA_LOADER("data loader"),
    MODEL_FORMAT("model format"),
    METRIC("metric");

    private final String label;

    ExtensionKind(String label) {
        this.label = label;
    }

    /** The kind as messages and listings spell it ({@code data loader}). */
    public String label() {
        return label;
    }
}
