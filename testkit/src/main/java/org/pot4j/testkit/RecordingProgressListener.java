package org.pot4j.testkit;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.progress.ProgressListener;

/** Records progress events as text ({@code started task 4}, {@code progressed 2}, {@code finished}). */
public final class RecordingProgressListener implements ProgressListener {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void started(String task, long total) {
        events.add("started " + total);
    }

    @Override
    public synchronized void progressed(long done) {
        events.add("progressed " + done);
    }

    @Override
    public synchronized void finished() {
        events.add("finished");
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The last {@code progressed} value, or -1. */
    public synchronized long lastProgress() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).startsWith("progressed ")) {
                return Long.parseLong(events.get(i).substring("progressed ".length()));
            }
        }
        return -1;
    }
}
