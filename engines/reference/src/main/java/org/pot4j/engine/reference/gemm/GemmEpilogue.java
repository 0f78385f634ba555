package org.pot4j.engine.reference.gemm;

/**
 * Finishes computed rows of C while they are still in cache (bias + activation fused into a convolution or MatMul):
 * called once per row segment after its last k slice.
 */
@FunctionalInterface
public interface GemmEpilogue {
    /** Row {@code row} of C (0-based within the multiply), columns {@code [col, col + n)} at {@code c[off...]}. */
    void apply(float[] c, int off, int row, int col, int n);
}
