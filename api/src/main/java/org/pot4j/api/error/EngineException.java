package org.pot4j.api.error;

/** A model an engine cannot load or run: the message names the node, op type or input at fault. */
public class EngineException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that names the node, op type or input.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     */
    public EngineException(String message) {
        super(message);
    }

    /**
     * An error with a message that names the node, op type or input, caused by a lower-level failure.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     * @param cause   the failure that led to this one
     */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
