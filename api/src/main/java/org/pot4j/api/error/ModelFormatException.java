package org.pot4j.api.error;

import java.nio.file.Path;

/** A model file that cannot be read or written: the message names the file and, where known, the node. */
public class ModelFormatException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message that names the file and, where known, the node.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * An error with a message that names the file and, where known, the node, caused by a lower-level failure.
     *
     * @param message what is at fault and what is wrong with it, shown to users as it is
     * @param cause   the failure that led to this one
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An error in a model file as a whole.
     *
     * @param file    the model file
     * @param message what is wrong with it
     * @return an exception with the message {@code <file>: <message>}
     */
    public static ModelFormatException inFile(Path file, String message) {
        return new ModelFormatException(file + ": " + message);
    }

    /**
     * An error at one node of a model file.
     *
     * @param file    the model file
     * @param node    the name of the node at fault
     * @param message what is wrong with the node
     * @return an exception with the message {@code <file>: node '<node>': <message>}
     */
    public static ModelFormatException atNode(Path file, String node, String message) {
        return new ModelFormatException(file + ": node '" + node + "': " + message);
    }
}
