package org.pot4j.cli.run;

/**
 * A command-line value that does not fit the model or the data (an {@code --input-shape} of the wrong rank, an
 * unknown input name): the command reports it as a usage error, exit code 2, without a stack trace.
 */
public final class BadCommandLineException extends RuntimeException {
    public BadCommandLineException(String message) {
        super(message);
    }
}
