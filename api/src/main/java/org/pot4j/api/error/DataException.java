package org.pot4j.api.error;

/** A sample that cannot be loaded or does not fit the model: the message names the file or sample index. */
public class DataException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that names the file or sample index.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     */
    public DataException(String message) {
        super(message);
    }

    /**
     * An error with a message that names the file or sample index, caused by a lower-level failure.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     * @param cause   the failure that led to this one
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
