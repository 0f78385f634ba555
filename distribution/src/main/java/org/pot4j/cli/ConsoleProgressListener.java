package org.pot4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.pot4j.api.progress.ProgressListener;

/**
 * Shows progress of long work: a progress bar redrawn in place on a terminal, or plain log lines at most every
 * {@code interval} (and at each tenth of the work) when the output is a file or a pipe.
 */
public final class ConsoleProgressListener implements ProgressListener {
    /** How progress is shown on standard error. */
    public enum Mode {
        /** A bar redrawn in place when a console is attached, lines otherwise. */
        AUTO,
        /** A bar redrawn in place, whatever is attached (POT's {@code --progress-bar}). */
        BAR,
        /** Lines (POT's {@code --stream-output}). */
        LINES
    }

    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;
    private String task = "";
    private long total;
    private long startNanos;
    private long lastPrintNanos;
    private long lastTenth = -1;
    private int drawnLength;

    /**
     * @param out           where to print
     * @param terminal      true to draw a bar in place, false for log lines
     * @param intervalNanos the least time between two log lines
     * @param clock         a nanosecond clock (tests pass a fake one)
     */
    public ConsoleProgressListener(PrintStream out, boolean terminal, long intervalNanos, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /** A listener on standard error: a bar when a console is attached, log lines every 10 s otherwise. */
    public static ConsoleProgressListener forStandardError() {
        return forStandardError(Mode.AUTO);
    }

    /** A listener on standard error showing progress as {@code mode} says (log lines every 10 s at most). */
    public static ConsoleProgressListener forStandardError(Mode mode) {
        boolean bar = mode == Mode.BAR || (mode == Mode.AUTO && System.console() != null);
        return new ConsoleProgressListener(System.err, bar, 10_000_000_000L, System::nanoTime);
    }

    /** {@return true when progress is a bar redrawn in place, false for lines} */
    public boolean drawsBar() {
        return terminal;
    }

    @Override
    public synchronized void started(String task, long total) {
        this.task = task;
        this.total = total;
        this.startNanos = clock.getAsLong();
        this.lastPrintNanos = startNanos;
        this.lastTenth = 0;
        if (!terminal) {
            out.println(task + ": started" + (total > 0 ? ", " + total + " steps" : ""));
        } else {
            draw(0);
        }
    }

    @Override
    public synchronized void progressed(long done) {
        long now = clock.getAsLong();
        if (terminal) {
            draw(done);
            return;
        }
        long tenth = total > 0 ? done * 10 / total : -1;
        if (now - lastPrintNanos >= intervalNanos || (tenth > lastTenth && tenth < 10)) {
            lastPrintNanos = now;
            lastTenth = Math.max(lastTenth, tenth);
            out.println(line(done, now));
        }
    }

    @Override
    public synchronized void finished() {
        long now = clock.getAsLong();
        double seconds = (now - startNanos) / 1e9;
        if (terminal) {
            out.print('\r');
            out.print(" ".repeat(drawnLength));
            out.print('\r');
            drawnLength = 0;
        }
        out.println(task + ": done in " + String.format(Locale.ROOT, "%.1f s", seconds));
    }

    /** Redraws the bar over the previous one, blanking what a longer previous bar left at its end. */
    private void draw(long done) {
        int filled = total > 0 ? (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total) : 0;
        String bar = task + " [" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] "
                + line(done, clock.getAsLong()).substring(task.length() + 2);
        out.print("\r" + bar + " ".repeat(Math.max(0, drawnLength - bar.length())));
        drawnLength = Math.max(drawnLength, bar.length());
        out.flush();
    }

    /** {@code task: 45/300 (15%), 12.3/s, ETA 12 s}. */
    String line(long done, long now) {
        double seconds = (now - startNanos) / 1e9;
        StringBuilder b = new StringBuilder(task).append(": ").append(done);
        if (total > 0) {
            b.append('/').append(total).append(" (").append(done * 100 / total).append("%)");
        }
        if (seconds > 0 && done > 0) {
            double rate = done / seconds;
            b.append(String.format(Locale.ROOT, ", %.1f/s", rate));
            if (total > done) {
                b.append(String.format(Locale.ROOT, ", ETA %.0f s", (total - done) / rate));
            }
        }
        return b.toString();
    }
}
