package org.pot4j.api.error;

import java.nio.file.Path;

/** A model file that cannot be read or written: the message names the file and, where known, the node. */
public class ModelFormatException extends Pot4jException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code <file>: <message>}. */
    public static ModelFormatException inFile(Path file, String message) {
        return new ModelFormatException(file + ": " + message);
    }

    /** {@code <file>: node '<node>': <message>}. */
    public static ModelFormatException atNode(Path file, String node, String message) {
        return new ModelFormatException(file + ": node '" + node + "': " + message);
    }
}
