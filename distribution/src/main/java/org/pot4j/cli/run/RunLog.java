package org.pot4j.cli.run;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

/**
 * The log of a run: each message goes to the console as it is and into {@code log.txt} with a time and level, as
 * POT's log of a run. Messages below the {@link LogLevel} are dropped; a quiet console (POT's {@code --progress-bar})
 * shows only warnings, the progress and the result, while {@code log.txt} still records everything at the level.
 */
public final class RunLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final PrintWriter console;
    private final Clock clock;
    private final LogLevel level;
    private final boolean quietConsole;
    private final List<String> lines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param console      where messages are shown (standard output)
     * @param clock        the time of each entry
     * @param level        the least level shown and recorded
     * @param quietConsole true to show only warnings on the console
     */
    public RunLog(PrintWriter console, Clock clock, LogLevel level, boolean quietConsole) {
        this.console = console;
        this.clock = clock;
        this.level = level;
        this.quietConsole = quietConsole;
    }

    /** A log at level INFO showing messages on {@code console}. */
    public RunLog(PrintWriter console, Clock clock) {
        this(console, clock, LogLevel.INFO, false);
    }

    /** {@return the least level shown and recorded} */
    public LogLevel level() {
        return level;
    }

    /** A message for the console and the log. */
    public synchronized void info(String message) {
        if (level.shows(Level.INFO)) {
            if (!quietConsole) {
                console.println(message);
                console.flush();
            }
            record("INFO", message);
        }
    }

    /** A message for the log only (configuration dumps, timings). */
    public synchronized void detail(String message) {
        if (level.shows(Level.INFO)) {
            record("INFO", message);
        }
    }

    /** A message a plugin logged at {@code julLevel}, for the log only (java.util.logging shows it itself). */
    public synchronized void plugin(Level julLevel, String message) {
        if (level.shows(julLevel)) {
            record(julLevel.intValue() >= Level.SEVERE.intValue() ? "ERROR"
                    : julLevel.intValue() >= Level.WARNING.intValue() ? "WARNING"
                    : julLevel.intValue() >= Level.INFO.intValue() ? "INFO" : "DEBUG", message);
        }
    }

    /** A warning for the console and the log. */
    public synchronized void warning(String message) {
        if (level.shows(Level.WARNING)) {
            console.println("warning: " + message);
            console.flush();
            record("WARNING", message);
        }
    }

    /** An error for the log only (the command prints it). */
    public synchronized void error(String message) {
        record("ERROR", message);
    }

    /** A note about where a failed run's files are, printed by the command after its error line, at any level. */
    public synchronized void note(String message) {
        notes.add(message);
    }

    /** {@return the notes, in order} */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /** Everything recorded, one entry per line. */
    public synchronized String text() {
        return String.join("\n", lines) + "\n";
    }

    private void record(String severity, String message) {
        String prefix = TIME.format(LocalDateTime.now(clock)) + " " + severity + " ";
        for (String line : message.split("\n", -1)) {
            lines.add(prefix + line);
        }
    }
}
