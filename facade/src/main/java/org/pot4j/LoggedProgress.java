package org.pot4j;

import java.util.Locale;
import org.pot4j.api.progress.ProgressListener;

/**
 * Progress of a pipeline's passes as periodic lines of the {@code org.pot4j} {@link System.Logger}: the start of each
 * task, every tenth of it, and its end with the time it took.
 */
final class LoggedProgress implements ProgressListener {
    private static final System.Logger LOG = System.getLogger("org.pot4j");

    private String task = "";
    private long total;
    private long nextReport;
    private long started;

    @Override
    public void started(String task, long total) {
        this.task = task;
        this.total = total;
        this.nextReport = Math.max(1, total / 10);
        this.started = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, task + (total > 0 ? ": " + total + " steps" : ": started"));
    }

    @Override
    public void progressed(long done) {
        if (total > 0 && done >= nextReport && done < total) {
            LOG.log(System.Logger.Level.INFO, task + ": " + done + "/" + total);
            nextReport = done + Math.max(1, total / 10);
        }
    }

    @Override
    public void finished() {
        LOG.log(System.Logger.Level.INFO, String.format(Locale.ROOT, "%s: done in %.1f s", task,
                (System.nanoTime() - started) / 1e9));
    }
}
