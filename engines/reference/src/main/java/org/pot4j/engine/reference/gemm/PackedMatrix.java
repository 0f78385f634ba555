package org.pot4j.engine.reference.gemm;

/**
 * A left-hand matrix {@code A[m x k]} in panels of {@code mr} rows: panel {@code p} holds, for each {@code k}, the
 * {@code mr} values of its rows (zero-padded past {@code m}), so the micro-kernel reads it sequentially.
 */
public final class PackedMatrix {
    final int m;
    final int k;
    final int mr;
    final float[] data;

    PackedMatrix(int m, int k, int mr, float[] data) {
        this.m = m;
        this.k = k;
        this.mr = mr;
        this.data = data;
    }

    public int rows() {
        return m;
    }

    public int depth() {
        return k;
    }

    static PackedMatrix pack(float[] a, int offset, int m, int k, int lda, int mr, boolean transposed) {
        int panels = (m + mr - 1) / mr;
        float[] d = new float[panels * k * mr];
        for (int p = 0; p < panels; p++) {
            int base = p * k * mr;
            for (int r = 0; r < mr; r++) {
                int row = p * mr + r;
                if (row >= m) {
                    break;
                }
                for (int kk = 0; kk < k; kk++) {
                    d[base + kk * mr + r] = transposed ? a[offset + kk * lda + row] : a[offset + row * lda + kk];
                }
            }
        }
        return new PackedMatrix(m, k, mr, d);
    }
}
