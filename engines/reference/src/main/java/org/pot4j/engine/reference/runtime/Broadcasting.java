package org.pot4j.engine.reference.runtime;

import java.util.ArrayList;
import java.util.List;

/** Numpy broadcasting of two shapes and element-wise binary loops over broadcast operands. */
public final class Broadcasting {
    private Broadcasting() {
    }

    /** A binary function on floats. */
    @FunctionalInterface
    public interface FloatOp {
        float apply(float a, float b);
    }

    /**
     * One output row of a binary op: {@code out[o+i] = f(x[ia + i*sa], y[ib + i*sb])} for {@code i < n}, strides 0
     * or 1. Each op gets its own implementation class so the JIT inlines the arithmetic into the loop (a shared
     * loop calling a functional interface goes megamorphic and runs several times slower).
     */
    @FunctionalInterface
    public interface RowOp {
        void row(float[] x, int ia, int sa, float[] y, int ib, int sb, float[] out, int o, int n);
    }

    /** The row loop of {@code f}, for ops without a hand-written one. */
    public static RowOp rows(FloatOp f) {
        return (x, ia, sa, y, ib, sb, out, o, n) -> {
            for (int i = 0; i < n; i++) {
                out[o + i] = f.apply(x[ia + i * sa], y[ib + i * sb]);
            }
        };
    }

    /** A binary function on longs. */
    @FunctionalInterface
    public interface LongOp {
        long apply(long a, long b);
    }

    /**
     * The numpy broadcast of two shapes.
     *
     * @throws IllegalArgumentException when they are incompatible
     */
    public static int[] shape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Dims.format(a) + " and " + Dims.format(b)
                        + " cannot be broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * The layout of two operands over an output shape with adjacent dimensions of equal broadcast pattern merged:
     * {@code dims[i]}, {@code aStride[i]}, {@code bStride[i]} (0 where the operand is broadcast).
     */
    static final class Layout {
        final int[] dims;
        final int[] aStrides;
        final int[] bStrides;

        Layout(int[] out, int[] a, int[] b) {
            int rank = out.length;
            List<int[]> merged = new ArrayList<>(); // {dim, aFlag, bFlag}
            for (int i = 0; i < rank; i++) {
                if (out[i] == 1) {
                    continue;
                }
                int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
                int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
                int fa = da == 1 ? 0 : 1;
                int fb = db == 1 ? 0 : 1;
                int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && last[1] == fa && last[2] == fb) {
                    last[0] *= out[i];
                } else {
                    merged.add(new int[] {out[i], fa, fb});
                }
            }
            if (merged.isEmpty()) {
                merged.add(new int[] {1, 1, 1});
            }
            int n = merged.size();
            dims = new int[n];
            aStrides = new int[n];
            bStrides = new int[n];
            int sa = 1;
            int sb = 1;
            for (int i = n - 1; i >= 0; i--) {
                int[] m = merged.get(i);
                dims[i] = m[0];
                aStrides[i] = m[1] == 1 ? sa : 0;
                bStrides[i] = m[2] == 1 ? sb : 0;
                sa *= m[1] == 1 ? m[0] : 1;
                sb *= m[2] == 1 ? m[0] : 1;
            }
        }

        int outer() {
            return Dims.product(dims, 0, dims.length - 1);
        }

        int inner() {
            return dims[dims.length - 1];
        }

        /** Offsets of outer row {@code row} into a and b: {@code [aOffset, bOffset]}. */
        void offsets(int row, int[] ab) {
            int oa = 0;
            int ob = 0;
            for (int d = dims.length - 2; d >= 0; d--) {
                int idx = row % dims[d];
                row /= dims[d];
                oa += idx * aStrides[d];
                ob += idx * bStrides[d];
            }
            ab[0] = oa;
            ab[1] = ob;
        }
    }

    /** {@code f(a, b)} element-wise with broadcasting, into a pooled buffer of {@code ctx}. */
    public static Value apply(Value a, Value b, FloatOp f, ExecContext ctx) {
        return apply(a, b, rows(f), ctx);
    }

    /** The row loop {@code op} element-wise with broadcasting, into a pooled buffer of {@code ctx}. */
    public static Value apply(Value a, Value b, RowOp op, ExecContext ctx) {
        int[] outShape = shape(a.shape(), b.shape());
        float[] out = ctx.floats(Dims.count(outShape));
        float[] x = a.floats();
        float[] y = b.floats();
        Layout l = new Layout(outShape, a.shape(), b.shape());
        int inner = l.inner();
        int sa = l.aStrides[l.dims.length - 1];
        int sb = l.bStrides[l.dims.length - 1];
        int outer = l.outer();
        // long rows (same-shape operands are one row) are cut into segments so every thread gets work
        int segLen = Math.max(1, Math.min(inner, Math.max(8192, inner / (4 * ctx.parallel().threads()))));
        int segs = (inner + segLen - 1) / segLen;
        int grain = Math.max(1, 16384 / segLen);
        ctx.parallel().forRange(outer * segs, grain, (from, to) -> {
            int[] ab = new int[2];
            for (int t = from; t < to; t++) {
                int r = t / segs;
                int start = (t % segs) * segLen;
                int len = Math.min(segLen, inner - start);
                l.offsets(r, ab);
                op.row(x, ab[0] + start * sa, sa, y, ab[1] + start * sb, sb, out, r * inner + start, len);
            }
        });
        return Value.ofFloats(outShape, out);
    }

    /** {@code f(a, b)} element-wise on longs with broadcasting (shape arithmetic; small, single-threaded). */
    public static Value applyLong(Value a, Value b, LongOp f) {
        int[] outShape = shape(a.shape(), b.shape());
        long[] out = new long[Dims.count(outShape)];
        long[] x = a.longs();
        long[] y = b.longs();
        Layout l = new Layout(outShape, a.shape(), b.shape());
        int inner = l.inner();
        int sa = l.aStrides[l.dims.length - 1];
        int sb = l.bStrides[l.dims.length - 1];
        int[] ab = new int[2];
        for (int r = 0; r < l.outer(); r++) {
            l.offsets(r, ab);
            for (int i = 0; i < inner; i++) {
                out[r * inner + i] = f.apply(x[ab[0] + i * sa], y[ab[1] + i * sb]);
            }
        }
        return Value.ofLongs(outShape, out);
    }
}
