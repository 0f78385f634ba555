package org.pot4j.engine.reference.runtime;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Splits index ranges over the engine's threads; kernels call it for their outer loops. */
public final class ParallelRunner implements AutoCloseable {
    /** The body of a parallel loop over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    private final int threads;
    private final ForkJoinPool pool;

    public ParallelRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger id = new AtomicInteger();
        this.pool = threads == 1 ? null : new ForkJoinPool(threads, p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("pot4j-reference-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    private static final ParallelRunner SERIAL = new ParallelRunner(1);

    /** Runs every loop on the calling thread: for work that is already spread over threads one level up. */
    public static ParallelRunner serial() {
        return SERIAL;
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of at least {@code grain} indices; returns when all are done.
     * Chunks are handed out dynamically: the calling thread and the helpers take the next chunk from a counter, and
     * the caller waits only for chunks already started, so a helper the OS has not scheduled yet (the machine is
     * shared) delays nothing: it finds no chunk left when it runs. The first exception of any chunk is rethrown.
     */
    public void forRange(int n, int grain, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int maxChunks = (n + Math.max(1, grain) - 1) / Math.max(1, grain);
        int chunks = Math.min(maxChunks, threads * 4);
        if (pool == null || chunks <= 1) {
            body.run(0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable work = () -> {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.incrementAndGet();
                }
            }
        };
        for (int t = 1; t < Math.min(threads, chunks); t++) {
            pool.execute(work);
        }
        work.run();
        for (int spins = 0; done.get() < chunks; spins++) {
            if (spins < 1000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** The body of a loop over the images of a batch, with the runner its inner loops should use. */
    @FunctionalInterface
    public interface BatchBody {
        void run(int from, int to, ParallelRunner inner);
    }

    /**
     * Runs {@code body} over images {@code [0, n)}: with at least as many images as threads, each thread takes whole
     * images and their inner loops run unsynchronised ({@link #serial()}); otherwise the images go one after another
     * and every thread works inside each.
     */
    public void forBatch(int n, BatchBody body) {
        if (threads > 1 && n >= threads) {
            forRange(n, 1, (from, to) -> body.run(from, to, SERIAL));
        } else {
            body.run(0, n, this);
        }
    }

    /** Runs {@code body} once per index in {@code [0, n)}, spread over the threads (one task per index). */
    public void forEach(int n, java.util.function.IntConsumer body) {
        forRange(n, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
