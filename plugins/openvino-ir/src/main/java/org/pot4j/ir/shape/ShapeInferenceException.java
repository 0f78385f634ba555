package org.pot4j.ir.shape;

/**
 * Inputs an op cannot accept (channels that do not match the weights, shapes that do not broadcast, a reshape that
 * changes the element count) or attributes it cannot use; the message says what, without the file or layer, which
 * the caller adds.
 */
public final class ShapeInferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An inference failure explained by {@code message}. */
    public ShapeInferenceException(String message) {
        super(message);
    }
}
