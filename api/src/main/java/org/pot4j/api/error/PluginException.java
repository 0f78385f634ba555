package org.pot4j.api.error;

/** A plugin that cannot be loaded or registered: the message names the plugin and where it came from. */
public class PluginException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that names the plugin and where it came from.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     */
    public PluginException(String message) {
        super(message);
    }

    /**
     * An error with a message that names the plugin and where it came from, caused by a lower-level failure.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     * @param cause   the failure that led to this one
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
