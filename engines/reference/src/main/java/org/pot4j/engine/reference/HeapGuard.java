package org.pot4j.engine.reference;

import java.util.Locale;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.engine.reference.plan.CompiledGraph;
import org.pot4j.engine.reference.plan.MemoryEstimate;

/**
 * Refuses an inference the heap cannot hold before its first buffer is allocated: the {@link MemoryEstimate} of the
 * batch against what the heap can still give ({@code Runtime.maxMemory()} minus what is in use, after a garbage
 * collection when the first look says no). Without it such a model ran until the JVM or the kernel killed it.
 */
final class HeapGuard {
    /** Reads the heap figures; tests substitute a small heap. */
    interface Heap {
        /** The -Xmx limit in bytes. */
        long max();

        /** Bytes in use now. */
        long used();

        /** Frees what it can (a GC). */
        void collect();
    }

    /** The JVM's own heap. */
    static final Heap JVM = new Heap() {
        @Override
        public long max() {
            return Runtime.getRuntime().maxMemory();
        }

        @Override
        public long used() {
            Runtime rt = Runtime.getRuntime();
            return rt.totalMemory() - rt.freeMemory();
        }

        @Override
        public void collect() {
            System.gc();
        }
    };

    private final Heap heap;

    HeapGuard(Heap heap) {
        this.heap = heap;
    }

    /**
     * Checks one inference at {@code batch} fits.
     *
     * @param countInputs   whether the inputs are still to be allocated (at setModel)
     * @param beforeCollect called before a garbage collection, to drop what the engine keeps for reuse
     * @throws EngineException naming the largest tensor, the estimate and the heap limit
     */
    void check(String model, CompiledGraph graph, long batch, boolean countInputs, Runnable beforeCollect) {
        MemoryEstimate e = MemoryEstimate.of(graph, batch, countInputs);
        // more heap does not help a tensor longer than a Java array: then the only advice is a smaller shape
        boolean tooLongForAnArray = e.largestElements() > MemoryEstimate.MAX_ARRAY_ELEMENTS;
        String arrayNote = tooLongForAnArray ? ", and with " + String.format(Locale.ROOT, "%.3g", e.largestElements())
                + " elements that tensor is more than a Java array holds (2^31 - 1)" : "";
        String advice = tooLongForAnArray ? ": use a smaller batch or input shape"
                : ": give it more with POT4J_OPTS=-Xmx<size> (e.g. -Xmx%dg), or use a smaller batch or input shape";
        if (e.activationBytes() > heap.max() - heap.used()) {
            beforeCollect.run();
            heap.collect();
            long free = heap.max() - heap.used();
            if (e.activationBytes() > free) {
                throw new EngineException("model '" + model + "': one inference at batch " + batch + " needs about "
                        + bytes(e.activationBytes()) + " of tensors (largest: " + largest(e) + ") plus "
                        + bytes(e.weightBytes()) + " of weights, but the Java heap has " + bytes(free) + " free of its "
                        + bytes(heap.max()) + " limit" + arrayNote + String.format(Locale.ROOT, advice,
                        suggestedGigabytes(e, free)));
            }
        }
        if (tooLongForAnArray) {
            throw new EngineException("model '" + model + "': at batch " + batch + " " + largest(e)
                    + arrayNote.replace(", and with", ": with") + advice);
        }
    }

    private static String largest(MemoryEstimate e) {
        String node = e.largestNode() == null ? "?" : e.largestNode().kind() + " node '" + e.largestNode().name() + "'";
        return node + " " + Shape.of(e.largestDims()) + " = " + bytes(e.largestBytes());
    }

    private long suggestedGigabytes(MemoryEstimate e, long free) {
        double need = e.activationBytes() + (heap.max() - free);
        return (long) Math.ceil(need * 1.25 / (1L << 30));
    }

    /** {@code 3.2 GB}, {@code 512 MB}, {@code 12 KB}, {@code 0 bytes}. */
    static String bytes(double b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", b / (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.0f MB", b / (1L << 20));
        }
        if (b >= 1024) {
            return String.format(Locale.ROOT, "%.0f KB", Math.ceil(b / 1024));
        }
        return String.format(Locale.ROOT, "%.0f bytes", b);
    }
}
