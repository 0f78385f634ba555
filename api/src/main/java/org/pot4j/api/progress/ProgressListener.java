package org.pot4j.api.progress;

/**
 * Receives progress of long work (statistics passes, bias correction, evaluation). All methods have empty defaults;
 * calls come from the working thread, so implementations must be quick.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /** A task with {@code total} steps starts ({@code total} may be 0 when unknown). */
    default void started(String task, long total) {
    }

    /** {@code done} of the current task's steps are complete. */
    default void progressed(long done) {
    }

    /** The current task ended. */
    default void finished() {
    }
}
