package org.pot4j.engine.reference.gemm;

/** Computes one {@code mr x nr} tile of C from an A panel and a B panel over {@code kc} steps of k. */
interface MicroKernel {
    int mr();

    int nr();

    String name();

    /**
     * {@code C[tile] (+)= Apanel * Bpanel}: A at {@code ap[aOff + kk*mr + r]}, B at {@code bp[bOff + kk*nr + j]},
     * C row {@code r} at {@code c[cOff + r*ldc ...]}; adds to C when {@code accumulate}, else overwrites.
     */
    void tile(float[] ap, int aOff, float[] bp, int bOff, int kc, float[] c, int cOff, int ldc, boolean accumulate);
}
