package org.pot4j.api.error;

/** An invalid configuration value: the message names the key path, such as {@code compression.algorithms[0].params.preset}. */
public class ConfigurationException extends Pot4jException {
    private static final long serialVersionUID = 1L;
    private final String keyPath;

    public ConfigurationException(String keyPath, String message) {
        super(keyPath.isEmpty() ? message : keyPath + ": " + message);
        this.keyPath = keyPath;
    }

    public ConfigurationException(String keyPath, String message, Throwable cause) {
        super(keyPath.isEmpty() ? message : keyPath + ": " + message, cause);
        this.keyPath = keyPath;
    }

    /** The dotted path of the offending key; empty for the document as a whole. */
    public String keyPath() {
        return keyPath;
    }
}
