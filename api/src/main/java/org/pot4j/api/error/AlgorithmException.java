package org.pot4j.api.error;

/** An algorithm that cannot be applied to a model: the message names the algorithm and the node. */
public class AlgorithmException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    public AlgorithmException(String message) {
        super(message);
    }

    public AlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
