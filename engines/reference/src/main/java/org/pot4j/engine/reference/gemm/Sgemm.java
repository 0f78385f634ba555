package org.pot4j.engine.reference.gemm;

import org.pot4j.engine.reference.runtime.ParallelRunner;

/**
 * {@code C = A * B} in f32, with A packed once (weights are packed when the model is compiled) and B, C plain
 * row-major arrays with row strides.
 */
public interface Sgemm {
    /** What computes the tiles ({@code "vector-256"}, {@code "scalar"}). */
    String name();

    /** Packs row-major {@code A[m x k]} starting at {@code offset} with row stride {@code lda}. */
    PackedMatrix pack(float[] a, int offset, int m, int k, int lda);

    /** Packs {@code A = T^T} where {@code T[k x m]} is row-major at {@code offset} with row stride {@code ldt}. */
    PackedMatrix packTransposed(float[] t, int offset, int m, int k, int ldt);

    /**
     * {@code C[m x n] = A * B[k x n]}, overwriting C.
     *
     * @param b   B's data, row {@code i} at {@code bOff + i * ldb}
     * @param c   C's data, row {@code i} at {@code cOff + i * ldc}
     * @param par threads to spread the blocks over
     */
    default void multiply(PackedMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc,
                          ParallelRunner par) {
        multiply(a, b, bOff, ldb, n, c, cOff, ldc, par, null);
    }

    /**
     * {@code C = A * B}, then {@code epilogue} (when not null) on every row segment of C right after it is final.
     */
    void multiply(PackedMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, ParallelRunner par,
                  GemmEpilogue epilogue);
}
