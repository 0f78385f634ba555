package org.pot4j.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pot4j.cli.run.LogLevel;
import org.pot4j.cli.run.RunLog;
import picocli.CommandLine.Option;

/**
 * POT's console options of {@code quantize} and {@code run}: {@code --log-level}, {@code --progress-bar},
 * {@code --stream-output}.
 */
final class DisplayOptions {
    @Option(names = "--log-level", defaultValue = "INFO", paramLabel = "CRITICAL|ERROR|WARNING|INFO|DEBUG",
            description = "The least level of the messages shown and written to log.txt, pot4j's and the plugins'"
                    + " (DEBUG adds the plugins' debug messages), default ${DEFAULT-VALUE}.")
    LogLevel logLevel;

    @Option(names = "--progress-bar",
            description = "As POT: only a progress bar, warnings and the result on the console (the other messages go"
                    + " to log.txt only); the bar is drawn in place on standard error even when that is not a"
                    + " terminal.")
    boolean progressBar;

    @Option(names = "--stream-output",
            description = "As POT: progress as separate lines (at the start, each tenth and every 10 s) instead of a"
                    + " bar redrawn in place, also on a terminal, for programs reading the output.")
    boolean streamOutput;

    /** How progress is shown: {@code --stream-output} wins over {@code --progress-bar}. */
    ConsoleProgressListener.Mode progressMode() {
        return streamOutput ? ConsoleProgressListener.Mode.LINES
                : progressBar ? ConsoleProgressListener.Mode.BAR : ConsoleProgressListener.Mode.AUTO;
    }

    /** The run's log at {@code --log-level}, quiet on the console with {@code --progress-bar}. */
    RunLog runLog(PrintWriter out, Clock clock) {
        return new RunLog(out, clock, logLevel, progressBar);
    }

    /**
     * Sets java.util.logging's console handlers (where plugins' messages are shown) to {@code --log-level}, at least
     * WARNING with {@code --progress-bar}, until closed.
     */
    ConsoleLogging consoleLogging() {
        Level shown = logLevel.julLevel();
        if (progressBar && shown.intValue() < Level.WARNING.intValue()) {
            shown = Level.WARNING;
        }
        Map<Handler, Level> before = new LinkedHashMap<>();
        for (Handler h : Logger.getLogger("").getHandlers()) {
            if (h instanceof ConsoleHandler) {
                before.put(h, h.getLevel());
                h.setLevel(shown);
            }
        }
        return () -> before.forEach(Handler::setLevel);
    }

    /** Puts the console handlers' levels back. */
    @FunctionalInterface
    interface ConsoleLogging extends AutoCloseable {
        @Override
        void close();
    }
}
