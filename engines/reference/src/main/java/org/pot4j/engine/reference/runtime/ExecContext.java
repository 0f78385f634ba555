package org.pot4j.engine.reference.runtime;

import org.pot4j.engine.reference.gemm.Sgemm;

/** What a kernel gets while it runs: pooled output buffers, the engine's threads and its matrix multiply. */
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
}
