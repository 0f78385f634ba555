package org.pot4j.engine.reference.gemm;

import org.pot4j.engine.reference.runtime.ParallelRunner;

/**
 * The Goto-style driver: C is cut into blocks of {@code MC} rows by {@code NC} columns (one parallel job each); per
 * block, k is walked in slices of {@code KC}, the B slice is packed into NR-column panels that stay in L2, and the
 * micro-kernel sweeps A panels (L1) across them.
 */
final class BlockedSgemm implements Sgemm {
    private static final int KC = 256;
    private static final int B_BLOCK_FLOATS = 48 * 1024;

    private final MicroKernel kernel;
    private final int mr;
    private final int nr;
    private final ThreadLocal<float[]> bPanels = new ThreadLocal<>();
    private final ThreadLocal<float[]> edgeTile = new ThreadLocal<>();

    BlockedSgemm(MicroKernel kernel) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
    }

    @Override
    public String name() {
        return kernel.name();
    }

    @Override
    public PackedMatrix pack(float[] a, int offset, int m, int k, int lda) {
        return PackedMatrix.pack(a, offset, m, k, lda, mr, false);
    }

    @Override
    public PackedMatrix packTransposed(float[] t, int offset, int m, int k, int ldt) {
        return PackedMatrix.pack(t, offset, m, k, ldt, mr, true);
    }

    @Override
    public void multiply(PackedMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc,
                         ParallelRunner par, GemmEpilogue epilogue) {
        if (a.mr != mr) {
            throw new IllegalArgumentException("matrix packed for mr=" + a.mr + ", kernel " + name() + " needs " + mr);
        }
        int m = a.m;
        int k = a.k;
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                if (epilogue != null) {
                    epilogue.apply(c, cOff + i * ldc, i, 0, n);
                }
            }
            return;
        }
        // a last k slice shorter than half a slice is merged into the previous one
        int kc = k <= KC + KC / 2 ? k : KC;
        int ncMax = Math.max(nr, Math.min(1024, (B_BLOCK_FLOATS / kc) / nr * nr));
        int nBlocks = (n + ncMax - 1) / ncMax;
        int nc = roundUp((n + nBlocks - 1) / nBlocks, nr);
        int mPanels = (m + mr - 1) / mr;
        int wantJobs = par.threads() * 3;
        int mBlocks = Math.max(1, Math.min(mPanels, (wantJobs + nBlocks - 1) / nBlocks));
        int panelsPerBlock = (mPanels + mBlocks - 1) / mBlocks;
        int mBlocksFinal = (mPanels + panelsPerBlock - 1) / panelsPerBlock;
        int kcFinal = kc;
        par.forEach(mBlocksFinal * nBlocks, job -> {
            int mb = job / nBlocks;
            int nb = job % nBlocks;
            int p0 = mb * panelsPerBlock;
            int p1 = Math.min(mPanels, p0 + panelsPerBlock);
            int n0 = nb * nc;
            int n1 = Math.min(n, n0 + nc);
            block(a, b, bOff, ldb, c, cOff, ldc, k, kcFinal, p0, p1, n0, n1, epilogue);
        });
    }

    private void block(PackedMatrix a, float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, int k, int kcStep,
                       int p0, int p1, int n0, int n1, GemmEpilogue epilogue) {
        int width = n1 - n0;
        int nPanels = (width + nr - 1) / nr;
        float[] bp = buffer(bPanels, kcStep + KC / 2, nPanels * nr);
        float[] tile = buffer(edgeTile, mr, nr);
        for (int k0 = 0; k0 < k; ) {
            int kc = k - k0 <= kcStep + kcStep / 2 ? k - k0 : kcStep;
            packB(b, bOff, ldb, k0, kc, n0, width, bp);
            boolean accumulate = k0 > 0;
            boolean last = k0 + kc >= k;
            for (int p = p0; p < p1; p++) {
                int row0 = p * mr;
                int rows = Math.min(mr, a.m - row0);
                int aOff = p * a.k * mr + k0 * mr;
                for (int q = 0; q < nPanels; q++) {
                    int col0 = n0 + q * nr;
                    int cols = Math.min(nr, n1 - col0);
                    int bpOff = q * kc * nr;
                    int cAt = cOff + row0 * ldc + col0;
                    if (rows == mr && cols == nr) {
                        kernel.tile(a.data, aOff, bp, bpOff, kc, c, cAt, ldc, accumulate);
                    } else {
                        kernel.tile(a.data, aOff, bp, bpOff, kc, tile, 0, nr, false);
                        for (int r = 0; r < rows; r++) {
                            int dst = cAt + r * ldc;
                            int src = r * nr;
                            if (accumulate) {
                                for (int j = 0; j < cols; j++) {
                                    c[dst + j] += tile[src + j];
                                }
                            } else {
                                System.arraycopy(tile, src, c, dst, cols);
                            }
                        }
                    }
                }
                if (last && epilogue != null) {
                    // the panel's rows are final and still in cache
                    for (int r = 0; r < rows; r++) {
                        epilogue.apply(c, cOff + (row0 + r) * ldc + n0, row0 + r, n0, width);
                    }
                }
            }
            k0 += kc;
        }
    }

    /** Packs B rows [k0, k0+kc), columns [n0, n0+width) into panels of nr columns, zero-padded. */
    private void packB(float[] b, int bOff, int ldb, int k0, int kc, int n0, int width, float[] bp) {
        int nPanels = (width + nr - 1) / nr;
        for (int q = 0; q < nPanels; q++) {
            int cols = Math.min(nr, width - q * nr);
            int dst = q * kc * nr;
            int src = bOff + k0 * ldb + n0 + q * nr;
            if (cols == nr) {
                for (int kk = 0; kk < kc; kk++) {
                    System.arraycopy(b, src + kk * ldb, bp, dst + kk * nr, nr);
                }
            } else {
                for (int kk = 0; kk < kc; kk++) {
                    System.arraycopy(b, src + kk * ldb, bp, dst + kk * nr, cols);
                    java.util.Arrays.fill(bp, dst + kk * nr + cols, dst + kk * nr + nr, 0f);
                }
            }
        }
    }

    private static float[] buffer(ThreadLocal<float[]> holder, int rows, int cols) {
        int n = rows * cols;
        float[] b = holder.get();
        if (b == null || b.length < n) {
            b = new float[n];
            holder.set(b);
        }
        return b;
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }
}
