package org.pot4j.engine.reference.runtime;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Float arrays kept for reuse, by exact length: a model allocates the same few sizes on every run, so after the
 * first inference intermediate buffers come from here instead of the garbage collector.
 */
public final class BufferPool {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final long capacityFloats;
    private long pooledFloats;

    /** A pool holding at most {@code capacityBytes} of free buffers. */
    public BufferPool(long capacityBytes) {
        this.capacityFloats = capacityBytes / 4;
    }

    /** An array of length {@code n} with unspecified contents. */
    public synchronized float[] take(int n) {
        ArrayDeque<float[]> q = free.get(n);
        if (q != null && !q.isEmpty()) {
            pooledFloats -= n;
            return q.pop();
        }
        return new float[n];
    }

    /** Returns an array nobody uses any more. */
    public synchronized void give(float[] a) {
        if (a.length == 0 || pooledFloats + a.length > capacityFloats) {
            return;
        }
        free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        pooledFloats += a.length;
    }

    /** Bytes held in free buffers. */
    public synchronized long pooledBytes() {
        return pooledFloats * 4;
    }

    public synchronized void clear() {
        free.clear();
        pooledFloats = 0;
    }
}
