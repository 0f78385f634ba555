package org.pot4j.cli.run;

import org.pot4j.api.progress.ProgressListener;

/** Shows progress on the console and writes each task's start and end into the run's log. */
final class LoggedProgress implements ProgressListener {
    private final ProgressListener console;
    private final RunLog log;
    private long started;
    private String task = "";

    LoggedProgress(ProgressListener console, RunLog log) {
        this.console = console;
        this.log = log;
    }

    @Override
    public void started(String task, long total) {
        this.task = task;
        this.started = System.nanoTime();
        log.detail(task + ": started" + (total > 0 ? ", " + total + " steps" : ""));
        console.started(task, total);
    }

    @Override
    public void progressed(long done) {
        console.progressed(done);
    }

    @Override
    public void finished() {
        console.finished();
        log.detail(task + ": done in " + String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
    }
}
