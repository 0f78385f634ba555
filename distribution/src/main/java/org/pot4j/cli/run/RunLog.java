package org.pot4j.cli.run;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The log of a run: each message goes to the console as it is and into {@code log.txt} with a time and level, as
 * POT's log of a run.
 */
public final class RunLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final PrintWriter console;
    private final Clock clock;
    private final List<String> lines = new ArrayList<>();

    public RunLog(PrintWriter console, Clock clock) {
        this.console = console;
        this.clock = clock;
    }

    /** A message for the console and the log. */
    public synchronized void info(String message) {
        console.println(message);
        console.flush();
        record("INFO", message);
    }

    /** A message for the log only (configuration dumps, timings). */
    public synchronized void detail(String message) {
        record("INFO", message);
    }

    /** A warning for the console and the log. */
    public synchronized void warning(String message) {
        console.println("warning: " + message);
        console.flush();
        record("WARNING", message);
    }

    /** An error for the log only (the command prints it). */
    public synchronized void error(String message) {
        record("ERROR", message);
    }

    /** Everything recorded, one entry per line. */
    public synchronized String text() {
        return String.join("\n", lines) + "\n";
    }

    private void record(String level, String message) {
        String prefix = TIME.format(LocalDateTime.now(clock)) + " " + level + " ";
        for (String line : message.split("\n", -1)) {
            lines.add(prefix + line);
        }
    }
}
