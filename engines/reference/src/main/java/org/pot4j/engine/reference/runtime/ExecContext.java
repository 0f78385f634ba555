package org.pot4j.engine.reference.runtime;

import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.loops.FloatLoops;

/** What a kernel gets while it runs: pooled output buffers, the engine's threads, its matrix multiply and loops. */
public interface ExecContext {
    /** A float array of length {@code n} with unspecified contents (the kernel overwrites every element). */
    float[] floats(int n);

    /** A float array of length {@code n} filled with zeros. */
    default float[] zeros(int n) {
        float[] a = floats(n);
        java.util.Arrays.fill(a, 0f);
        return a;
    }

    /** Gives back a scratch array the kernel took with {@link #floats} and no longer needs. */
    void release(float[] scratch);

    ParallelRunner parallel();

    Sgemm sgemm();

    /** The element-wise inner loops (Vector API or plain Java, chosen with the matrix multiply). */
    FloatLoops loops();
}
