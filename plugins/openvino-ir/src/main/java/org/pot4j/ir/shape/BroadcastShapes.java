package org.pot4j.ir.shape;

import java.util.List;
import org.pot4j.api.tensor.Shape;

/** Numpy broadcasting of element-wise inputs, and MatMul's shape rule (batch dims broadcast). */
final class BroadcastShapes {
    private BroadcastShapes() {
    }

    /** The numpy broadcast of all {@code shapes}: aligned on the right, a 1 stretches to the other dim. */
    static Shape numpy(List<Shape> shapes) {
        Shape out = shapes.get(0);
        for (int i = 1; i < shapes.size(); i++) {
            out = numpy(out, shapes.get(i));
        }
        return out;
    }

    /** {@code auto_broadcast="none"}: every input has the same shape. */
    static Shape none(List<Shape> shapes) {
        Shape out = shapes.get(0);
        for (int i = 1; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            if (!Dims.compatible(out, s)) {
                throw new ShapeInferenceException("inputs " + out + " and " + s + " differ and auto_broadcast is none");
            }
            long[] d = new long[s.rank()];
            for (int k = 0; k < d.length; k++) {
                d[k] = Dims.merge(out.dim(k), s.dim(k));
            }
            out = Shape.of(d);
        }
        return out;
    }

    private static Shape numpy(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = dimFromRight(a, rank - 1 - i);
            long y = dimFromRight(b, rank - 1 - i);
            out[i] = broadcast(x, y, a, b);
        }
        return Shape.of(out);
    }

    /** Dims {@code [0, 2]} of {@code batchA} and {@code batchB} broadcast (MatMul's batch dims). */
    static long[] batch(long[] batchA, long[] batchB, Shape a, Shape b) {
        int rank = Math.max(batchA.length, batchB.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            int ia = batchA.length - rank + i;
            int ib = batchB.length - rank + i;
            out[i] = broadcast(ia < 0 ? 1 : batchA[ia], ib < 0 ? 1 : batchB[ib], a, b);
        }
        return out;
    }

    /**
     * MatMul: {@code [..., M, K] x [..., K, N] -> [..., M, N]} after the optional transposes of the last two dims; a
     * 1-D input is a row (first input) or column (second), and its dim is dropped from the output.
     */
    static Shape matMul(Shape a, Shape b, boolean transposeA, boolean transposeB) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeInferenceException("MatMul inputs " + a + " and " + b + " must not be scalars");
        }
        long[] da = a.rank() == 1 ? new long[] {1, a.dim(0)} : a.dims();
        long[] db = b.rank() == 1 ? new long[] {b.dim(0), 1} : b.dims();
        if (transposeA && a.rank() > 1) {
            swapLastTwo(da);
        }
        if (transposeB && b.rank() > 1) {
            swapLastTwo(db);
        }
        long k1 = da[da.length - 1];
        long k2 = db[db.length - 2];
        if (!Dims.compatible(k1, k2)) {
            throw new ShapeInferenceException("MatMul inputs " + a + " and " + b + " (transpose_a=" + transposeA
                    + ", transpose_b=" + transposeB + ") do not agree on the reduced dim: " + k1 + " vs " + k2);
        }
        long[] batch = batch(java.util.Arrays.copyOf(da, da.length - 2), java.util.Arrays.copyOf(db, db.length - 2), a, b);
        int rank = batch.length + (a.rank() == 1 ? 0 : 1) + (b.rank() == 1 ? 0 : 1);
        long[] out = java.util.Arrays.copyOf(batch, rank);
        int at = batch.length;
        if (a.rank() > 1) {
            out[at++] = da[da.length - 2];
        }
        if (b.rank() > 1) {
            out[at] = db[db.length - 1];
        }
        return Shape.of(out);
    }

    private static void swapLastTwo(long[] d) {
        long t = d[d.length - 1];
        d[d.length - 1] = d[d.length - 2];
        d[d.length - 2] = t;
    }

    private static long dimFromRight(Shape s, int fromRight) {
        int i = s.rank() - 1 - fromRight;
        return i < 0 ? 1 : s.dim(i);
    }

    private static long broadcast(long x, long y, Shape a, Shape b) {
        if (x == y || y == 1) {
            return x;
        }
        if (x == 1) {
            return y;
        }
        if (Dims.isDynamic(x)) {
            return y;
        }
        if (Dims.isDynamic(y)) {
            return x;
        }
        throw new ShapeInferenceException("shapes " + a + " and " + b + " do not broadcast (" + x + " vs " + y + ")");
    }
}
