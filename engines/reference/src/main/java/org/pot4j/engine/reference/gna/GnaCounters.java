package org.pot4j.engine.reference.gna;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link GnaEngine} computed in integers: which MatMuls were compiled as integer affine layers (and why the
 * others were not), and how many int32 accumulators were computed and saturated since the model was set.
 */
public final class GnaCounters {
    private final Map<String, String> integerOps = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> floatOps = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicLong accumulators = new AtomicLong();
    private final AtomicLong saturated = new AtomicLong();

    /** Forgets everything (a new model). */
    void reset() {
        integerOps.clear();
        floatOps.clear();
        accumulators.set(0);
        saturated.set(0);
    }

    void integerOp(String node, String description) {
        integerOps.put(node, description);
    }

    void floatOp(String node, String reason) {
        floatOps.put(node, reason);
    }

    void add(long computed, long saturatedNow) {
        accumulators.addAndGet(computed);
        saturated.addAndGet(saturatedNow);
    }

    /** The MatMuls run in integers, by node name, each with its precisions ({@code "int16 x int8 -> int32"}). */
    public Map<String, String> integerOps() {
        synchronized (integerOps) {
            return Map.copyOf(integerOps);
        }
    }

    /** The MatMuls left in FP32, by node name, each with the reason (no FakeQuantize on its input, ...). */
    public Map<String, String> floatOps() {
        synchronized (floatOps) {
            return Map.copyOf(floatOps);
        }
    }

    /** Int32 accumulators computed since the model was set (one per output element of an integer MatMul). */
    public long accumulators() {
        return accumulators.get();
    }

    /** Accumulators whose exact sum was outside the int32 range and were saturated to it. */
    public long saturated() {
        return saturated.get();
    }
}
