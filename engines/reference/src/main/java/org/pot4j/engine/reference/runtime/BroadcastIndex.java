package org.pot4j.engine.reference.runtime;

/**
 * Where each element of a numpy-broadcast output reads one operand: for ops with more than two operands (Select)
 * or with non-arithmetic results (comparisons), which do not need {@link Broadcasting}'s row loops.
 */
public final class BroadcastIndex {
    private final int[] outShape;
    private final int[] strides;

    /** The index of {@code operand} inside {@code outShape} (which it must broadcast to). */
    public BroadcastIndex(int[] outShape, int[] operand) {
        this.outShape = outShape;
        this.strides = new int[outShape.length];
        int offset = outShape.length - operand.length;
        int acc = 1;
        for (int d = operand.length - 1; d >= 0; d--) {
            int od = d + offset;
            if (operand[d] != 1 && operand[d] != outShape[od]) {
                throw new IllegalArgumentException("shape " + Dims.format(operand) + " does not broadcast to "
                        + Dims.format(outShape));
            }
            strides[od] = operand[d] == 1 ? 0 : acc;
            acc *= operand[d];
        }
    }

    /** The numpy broadcast of several shapes. */
    public static int[] shape(int[]... shapes) {
        int[] out = new int[0];
        for (int[] s : shapes) {
            out = Broadcasting.shape(out, s);
        }
        return out;
    }

    /** The operand's flat index of output element {@code flat}. */
    public int of(int flat) {
        int off = 0;
        for (int d = outShape.length - 1; d >= 0 && flat > 0; d--) {
            int n = outShape[d];
            off += (flat % n) * strides[d];
            flat /= n;
        }
        return off;
    }
}
