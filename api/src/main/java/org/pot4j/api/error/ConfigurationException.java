package org.pot4j.api.error;

/** An invalid configuration value: the message names the key path, such as {@code compression.algorithms[0].params.preset}. */
public class ConfigurationException extends Pot4jException {
    private static final long serialVersionUID = 1L;
    private final String keyPath;
    private final String reason;

    public ConfigurationException(String keyPath, String message) {
        super(keyPath.isEmpty() ? message : keyPath + ": " + message);
        this.keyPath = keyPath;
        this.reason = message;
    }

    public ConfigurationException(String keyPath, String message, Throwable cause) {
        super(keyPath.isEmpty() ? message : keyPath + ": " + message, cause);
        this.keyPath = keyPath;
        this.reason = message;
    }

    /** The dotted path of the offending key; empty for the document as a whole. */
    public String keyPath() {
        return keyPath;
    }

    /** What is wrong with the key, without its path ({@code must be at least 1, got 0}). */
    public String reason() {
        return reason;
    }

    /**
     * The same error with its key placed under {@code parent}: {@code params.preset} under
     * {@code compression.algorithms[0]} is {@code compression.algorithms[0].params.preset}. For a host that passed
     * part of its configuration to a plugin, which names keys relative to what it was given.
     */
    public ConfigurationException under(String parent) {
        String path = parent.isEmpty() ? keyPath : keyPath.isEmpty() ? parent : parent + "." + keyPath;
        return new ConfigurationException(path, reason, this);
    }
}
