package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.gemm.PackedMatrix;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.runtime.Broadcasting;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * MatMul-1: {@code A[..., M, K] x B[..., K, N]} with {@code transpose_a/b}, 1-D operands promoted (and the added
 * axis removed), and numpy broadcasting of the batch axes.
 */
final class MatMulKernel implements OpKernel {
    private final boolean ta;
    private final boolean tb;
    private final Sgemm sgemm;

    private MatMulKernel(Node node, CompileContext cc) {
        NodeAttributes a = new NodeAttributes(node);
        ta = a.bool("transpose_a", false);
        tb = a.bool("transpose_b", false);
        sgemm = cc.sgemm();
    }

    static KernelFactory factory() {
        return MatMulKernel::new;
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value a = in[0];
        Value b = in[1];
        int[] as = a.shape();
        int[] bs = b.shape();
        boolean aVec = as.length == 1;
        boolean bVec = bs.length == 1;
        if (aVec) {
            as = new int[] {1, as[0]};
        }
        if (bVec) {
            bs = new int[] {bs[0], 1};
        }
        boolean transA = ta && !aVec;
        boolean transB = tb && !bVec;
        int m = transA ? as[as.length - 1] : as[as.length - 2];
        int k = transA ? as[as.length - 2] : as[as.length - 1];
        int kb = transB ? bs[bs.length - 1] : bs[bs.length - 2];
        int n = transB ? bs[bs.length - 2] : bs[bs.length - 1];
        if (k != kb) {
            throw new IllegalArgumentException("inner dimensions differ: " + Dims.format(a.shape()) + (ta ? "^T" : "")
                    + " x " + Dims.format(b.shape()) + (tb ? "^T" : ""));
        }
        int[] aBatch = java.util.Arrays.copyOf(as, as.length - 2);
        int[] bBatch = java.util.Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Broadcasting.shape(aBatch, bBatch);
        int batches = Dims.count(batch);
        float[] af = a.floats();
        float[] bf = b.floats();
        float[] out = ctx.floats(batches * m * n);
        int[] aIdx = broadcastIndex(batch, aBatch);
        int[] bIdx = broadcastIndex(batch, bBatch);
        float[] bt = transB ? new float[k * n] : null;
        for (int i = 0; i < batches; i++) {
            int aOff = aIdx[i] * m * k;
            int bOff = bIdx[i] * k * n;
            PackedMatrix pa = transA ? sgemm.packTransposed(af, aOff, m, k, m) : sgemm.pack(af, aOff, m, k, k);
            float[] bm = bf;
            int bmOff = bOff;
            if (transB) {
                // B given as [N, K]: make it [K, N] for the row-major B operand
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < k; c++) {
                        bt[c * n + r] = bf[bOff + r * k + c];
                    }
                }
                bm = bt;
                bmOff = 0;
            }
            sgemm.multiply(pa, bm, bmOff, n, n, out, i * m * n, n, ctx.parallel());
        }
        int[] os = new int[batch.length + 2];
        System.arraycopy(batch, 0, os, 0, batch.length);
        os[batch.length] = m;
        os[batch.length + 1] = n;
        if (aVec || bVec) {
            int[] squeezed = new int[os.length - (aVec ? 1 : 0) - (bVec ? 1 : 0)];
            int j = 0;
            for (int d = 0; d < os.length; d++) {
                if ((aVec && d == os.length - 2) || (bVec && d == os.length - 1)) {
                    continue;
                }
                squeezed[j++] = os[d];
            }
            os = squeezed;
        }
        return new Value[] {Value.ofFloats(os, out)};
    }

    /** For each index of the broadcast batch shape, the flat index into an operand's batch shape. */
    private static int[] broadcastIndex(int[] batch, int[] operand) {
        int total = Dims.count(batch);
        int[] out = new int[total];
        int rank = batch.length;
        int[] opStrides = Dims.strides(operand);
        for (int i = 0; i < total; i++) {
            int rem = i;
            int off = 0;
            for (int d = rank - 1; d >= 0; d--) {
                int idx = rem % batch[d];
                rem /= batch[d];
                int od = d - (rank - operand.length);
                if (od >= 0 && operand[od] != 1) {
                    off += idx * opStrides[od];
                }
            }
            out[i] = off;
        }
        return out;
    }
}
