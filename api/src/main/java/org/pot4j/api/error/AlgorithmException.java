package org.pot4j.api.error;

/** An algorithm that cannot be applied to a model: the message names the algorithm and the node. */
public class AlgorithmException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that names the algorithm and the node.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     */
    public AlgorithmException(String message) {
        super(message);
    }

    /**
     * An error with a message that names the algorithm and the node, caused by a lower-level failure.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     * @param cause   the failure that led to this one
     */
    public AlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
