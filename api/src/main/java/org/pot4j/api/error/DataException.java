package org.pot4j.api.error;

/** A sample that cannot be loaded or does not fit the model: the message names the file or sample index. */
public class DataException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
