package org.pot4j.engine.reference.gemm;

/** The plain-Java tile: correct everywhere, and simple enough for the JIT to auto-vectorise the inner loop. */
final class ScalarMicroKernel implements MicroKernel {
    private static final int MR = 4;
    private static final int NR = 8;

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void tile(float[] ap, int aOff, float[] bp, int bOff, int kc, float[] c, int cOff, int ldc, boolean accumulate) {
        float[] acc = new float[MR * NR];
        for (int kk = 0; kk < kc; kk++) {
            int a = aOff + kk * MR;
            int b = bOff + kk * NR;
            for (int r = 0; r < MR; r++) {
                float av = ap[a + r];
                int o = r * NR;
                for (int j = 0; j < NR; j++) {
                    acc[o + j] += av * bp[b + j];
                }
            }
        }
        for (int r = 0; r < MR; r++) {
            int row = cOff + r * ldc;
            for (int j = 0; j < NR; j++) {
                c[row + j] = accumulate ? c[row + j] + acc[r * NR + j] : acc[r * NR + j];
            }
        }
    }
}
