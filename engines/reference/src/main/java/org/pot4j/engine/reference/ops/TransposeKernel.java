package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/** Transpose-1: output axis i is input axis {@code order[i]}; an empty order reverses the axes. */
final class TransposeKernel {
    private TransposeKernel() {
    }

    static KernelFactory factory() {
        return (node, cc) -> (in, ctx) -> new Value[] {transpose(in[0], in[1].longs(), ctx)};
    }

    static Value transpose(Value x, long[] order, ExecContext ctx) {
        int rank = x.rank();
        int[] perm = new int[rank];
        if (order.length == 0) {
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        } else {
            if (order.length != rank) {
                throw new IllegalArgumentException("order of length " + order.length + " for rank " + rank);
            }
            boolean[] seen = new boolean[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = Dims.axis(order[i], rank);
                if (seen[perm[i]]) {
                    throw new IllegalArgumentException("axis " + perm[i] + " repeated in the transpose order");
                }
                seen[perm[i]] = true;
            }
        }
        int[] s = x.shape();
        int[] strides = Dims.strides(s);
        int[] dims = new int[rank];
        int[] src = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = s[perm[i]];
            src[i] = strides[perm[i]];
        }
        return IndexMapping.gather(x, dims, 0, src, ctx);
    }
}
