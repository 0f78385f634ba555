package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.gemm.GemmEpilogue;
import org.pot4j.engine.reference.gemm.PackedMatrix;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.Broadcasting;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * MatMul-1: {@code A[..., M, K] x B[..., K, N]} with {@code transpose_a/b}, 1-D operands promoted (and the added
 * axis removed), and numpy broadcasting of the batch axes. A constant 2-D B is kept as {@code [K, N]}; a fused
 * bias/activation ({@link FusedEpilogue}, per output column) is applied as the GEMM finishes each row.
 */
final class MatMulKernel implements FusableKernel {
    private final boolean ta;
    private final boolean tb;
    private final Sgemm sgemm;
    /** A constant 2-D B, already as {@code [K, N]} (transposed once here when {@code transpose_b}). */
    private final float[] constB;
    private final int constK;
    private final int constN;
    /** The rank of the output port in the graph (-1 when unknown). */
    private final int declaredRank;
    private final FusedEpilogue epilogue;

    private MatMulKernel(Node node, CompileContext cc) {
        NodeAttributes a = new NodeAttributes(node);
        ta = a.bool("transpose_a", false);
        tb = a.bool("transpose_b", false);
        sgemm = cc.sgemm();
        Value b = cc.constantInput(1).filter(v -> v.isFloat() && v.rank() == 2).orElse(null);
        if (b != null) {
            int r = b.dim(0);
            int c = b.dim(1);
            constK = tb ? c : r;
            constN = tb ? r : c;
            constB = tb ? transpose(b.floats(), 0, r, c) : b.floats();
        } else {
            constB = null;
            constK = -1;
            constN = -1;
        }
        declaredRank = node.outputs().isEmpty() ? -1 : node.output(0).shape().rank();
        epilogue = null;
    }

    private MatMulKernel(MatMulKernel k, FusedEpilogue epilogue) {
        this.ta = k.ta;
        this.tb = k.tb;
        this.sgemm = k.sgemm;
        this.constB = k.constB;
        this.constK = k.constK;
        this.constN = k.constN;
        this.declaredRank = k.declaredRank;
        this.epilogue = epilogue;
    }

    @Override
    public int outputRank() {
        return constB == null ? -1 : declaredRank;
    }

    @Override
    public int outputChannels() {
        return constB == null ? -1 : constN;
    }

    @Override
    public boolean perColumn() {
        return true;
    }

    @Override
    public OpKernel withEpilogue(FusedEpilogue e) {
        return new MatMulKernel(this, e);
    }

    /** {@code T[c x r]} from row-major {@code M[r x c]} at {@code off}. */
    private static float[] transpose(float[] m, int off, int r, int c) {
        float[] t = new float[r * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                t[j * r + i] = m[off + i * c + j];
            }
        }
        return t;
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
        boolean useConstB = constB != null && !bVec;
        float[] bt = transB && !useConstB ? new float[k * n] : null;
        FloatLoops loops = ctx.loops();
        GemmEpilogue epi = epilogue == null ? null : (c, off, row, col, len) -> epilogue.applyColumns(loops, c, off, col, len);
        if (epilogue != null) {
            if (aVec || bVec || as.length < 2 || Math.max(as.length, bs.length) != declaredRank) {
                throw new IllegalArgumentException("fused MatMul expected an output of rank " + declaredRank + ", inputs are "
                        + Dims.format(a.shape()) + " x " + Dims.format(b.shape()));
            }
            epilogue.check(n);
        }
        for (int i = 0; i < batches; i++) {
            int aOff = aIdx[i] * m * k;
            int bOff = bIdx[i] * k * n;
            PackedMatrix pa = transA ? sgemm.packTransposed(af, aOff, m, k, m) : sgemm.pack(af, aOff, m, k, k);
            float[] bm = bf;
            int bmOff = bOff;
            if (useConstB) {
                bm = constB;
                bmOff = 0;
            } else if (transB) {
                // B given as [N, K]: make it [K, N] for the row-major B operand
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < k; c++) {
                        bt[c * n + r] = bf[bOff + r * k + c];
                    }
                }
                bm = bt;
                bmOff = 0;
            }
            sgemm.multiply(pa, bm, bmOff, n, n, out, i * m * n, n, ctx.parallel(), epi);
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
