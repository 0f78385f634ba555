package org.pot4j.api.error;

/**
 * The root of pot4j's exceptions. Every message names what is at fault (file, node, configuration key, sample,
 * plugin) and what is wrong with it, so it can be shown to a user as it is.
 */
public class Pot4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Pot4jException(String message) {
        super(message);
    }

    public Pot4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
