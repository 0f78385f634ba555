package org.pot4j.api.error;

/** An invalid configuration value: the message names the key path, such as {@code compression.algorithms[0].params.preset}. */
public class ConfigurationException extends Pot4jException {
    private static final long serialVersionUID = 1L;
    /** The dotted path of the offending key; empty for the document as a whole. */
    private final String keyPath;
    /** What is wrong with the key, without its path. */
    private final String reason;

    /**
     * An invalid value at {@code keyPath}; the exception's message is {@code <keyPath>: <message>}.
     *
     * @param keyPath the dotted path of the offending key, or empty for the document as a whole
     * @param message what is wrong with the key, without its path
     */
    public ConfigurationException(String keyPath, String message) {
        super(keyPath.isEmpty() ? message : keyPath + ": " + message);
        this.keyPath = keyPath;
        this.reason = message;
    }

    /**
     * An invalid value at {@code keyPath} found through a lower-level failure (a parse error, say).
     *
     * @param keyPath the dotted path of the offending key, or empty for the document as a whole
     * @param message what is wrong with the key, without its path
     * @param cause   the failure that showed the value to be invalid
     */
    public ConfigurationException(String keyPath, String message, Throwable cause) {
        super(keyPath.isEmpty() ? message : keyPath + ": " + message, cause);
        this.keyPath = keyPath;
        this.reason = message;
    }

    /** {@return the dotted path of the offending key; empty for the document as a whole} */
    public String keyPath() {
        return keyPath;
    }

    /** {@return what is wrong with the key, without its path ({@code must be at least 1, got 0})} */
    public String reason() {
        return reason;
    }

    /**
     * The same error with its key placed under {@code parent}: {@code params.preset} under
     * {@code compression.algorithms[0]} is {@code compression.algorithms[0].params.preset}. For a host that passed
     * part of its configuration to a plugin, which names keys relative to what it was given.
     *
     * @param parent the path of the section the key's path is relative to; empty leaves the path as it is
     * @return a new exception with the full path, the same reason, and this exception as its cause
     */
    public ConfigurationException under(String parent) {
        String path = parent.isEmpty() ? keyPath : keyPath.isEmpty() ? parent : parent + "." + keyPath;
        return new ConfigurationException(path, reason, this);
    }
}
