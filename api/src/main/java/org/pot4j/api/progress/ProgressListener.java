package org.pot4j.api.progress;

/**
 * Receives progress of long work (statistics passes, bias correction, evaluation). All methods have empty defaults;
 * calls come from the working thread, so implementations must be quick.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() { };

    /**
     * A task starts.
     *
     * @param task  what is being done, for display
     * @param total the number of steps, or 0 when unknown
     */
    default void started(String task, long total) {
    }

    /**
     * The current task moved on.
     *
     * @param done how many of its steps are complete so far
     */
    default void progressed(long done) {
    }

    /** The current task ended. */
    default void finished() {
    }
}
