package org.pot4j.api.error;

/** A plugin that cannot be loaded or registered: the message names the plugin and where it came from. */
public class PluginException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
