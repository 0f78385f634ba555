package org.pot4j.engine.reference.ops;

/**
 * A kernel whose output write can absorb a following bias Add and activation ({@link FusedEpilogue}): convolutions
 * (per output channel) and MatMul (per output column).
 */
public interface FusableKernel extends OpKernel {
    /** The rank of the output when known at compile time (constant weights), else -1 (no fusion). */
    int outputRank();

    /** The size of the channel (or column) axis when known at compile time, else -1 (no fusion). */
    int outputChannels();

    /** True when the fused bias runs along the last axis (MatMul), false when along axis 1 (convolutions). */
    boolean perColumn();

    /** The same computation with {@code epilogue} applied to the output as it is written. */
    OpKernel withEpilogue(FusedEpilogue epilogue);
}
