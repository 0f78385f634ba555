package org.pot4j.api.error;

/** A model an engine cannot load or run: the message names the node, op type or input at fault. */
public class EngineException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
