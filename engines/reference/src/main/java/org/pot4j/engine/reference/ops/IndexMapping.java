package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Copies elements from strided positions of a source into a dense output: the shared engine of Transpose,
 * StridedSlice and the like. Output dims {@code dims}; element {@code (i0..ik)} reads source offset
 * {@code base + sum(i_d * srcStrides[d])}.
 */
final class IndexMapping {
    private IndexMapping() {
    }

    /** The gathered value; float outputs come from {@code ctx}'s buffer pool. */
    static Value gather(Value src, int[] dims, int base, int[] srcStrides, ExecContext ctx) {
        int total = Dims.count(dims);
        int rank = dims.length;
        if (rank == 0) {
            return src.isFloat() ? Value.ofFloats(dims, new float[] {src.floats()[base]})
                    : Value.ofLongs(dims, new long[] {src.longs()[base]});
        }
        int inner = dims[rank - 1];
        int innerStride = srcStrides[rank - 1];
        int rows = inner == 0 ? 0 : total / inner;
        int[] idx = new int[rank];
        if (src.isFloat()) {
            float[] s = src.floats();
            float[] out = ctx.floats(total);
            int off = base;
            for (int r = 0; r < rows; r++) {
                int o = r * inner;
                if (innerStride == 1) {
                    System.arraycopy(s, off, out, o, inner);
                } else {
                    for (int i = 0; i < inner; i++) {
                        out[o + i] = s[off + i * innerStride];
                    }
                }
                off = advance(idx, dims, srcStrides, off);
            }
            return Value.ofFloats(dims, out);
        }
        long[] s = src.longs();
        long[] out = new long[total];
        int off = base;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inner; i++) {
                out[r * inner + i] = s[off + i * innerStride];
            }
            off = advance(idx, dims, srcStrides, off);
        }
        return Value.ofLongs(dims, out);
    }

    /** Steps the odometer over all dims but the last; returns the new source offset. */
    private static int advance(int[] idx, int[] dims, int[] strides, int off) {
        for (int d = dims.length - 2; d >= 0; d--) {
            idx[d]++;
            off += strides[d];
            if (idx[d] < dims[d]) {
                return off;
            }
            off -= idx[d] * strides[d];
            idx[d] = 0;
        }
        return off;
    }
}
