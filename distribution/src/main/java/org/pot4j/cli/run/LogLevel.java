package org.pot4j.cli.run;

import java.util.logging.Level;

/**
 * POT's {@code --log-level} values: the least level of the messages a run shows on the console and records in
 * {@code log.txt}, its own and those plugins log through {@code System.Logger} (java.util.logging).
 */
public enum LogLevel {
    /** Errors only (POT's CRITICAL; java.util.logging has no level above SEVERE). */
    CRITICAL(Level.SEVERE),
    /** Errors only. */
    ERROR(Level.SEVERE),
    /** Warnings and errors. */
    WARNING(Level.WARNING),
    /** The default: what a run does, step by step. */
    INFO(Level.INFO),
    /** Also the plugins' debug messages (java.util.logging FINE and above). */
    DEBUG(Level.FINE);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    /** {@return the java.util.logging level of the least message shown} */
    public Level julLevel() {
        return level;
    }

    /** {@return true when messages of {@code message} are shown at this level} */
    public boolean shows(Level message) {
        return message.intValue() >= level.intValue();
    }
}
