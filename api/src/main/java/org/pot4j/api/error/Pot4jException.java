package org.pot4j.api.error;

/**
 * The root of pot4j's exceptions. Every message names what is at fault (file, node, configuration key, sample,
 * plugin) and what is wrong with it, so it can be shown to a user as it is.
 */
public class Pot4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that names what is at fault.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     */
    public Pot4jException(String message) {
        super(message);
    }

    /**
     * An error with a message that names what is at fault, caused by a lower-level failure.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     * @param cause   the failure that led to this one
     */
    public Pot4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
