package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.pot4j.engine.reference.gemm.PackedMatrix;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.gemm.SgemmSelector;
import org.pot4j.engine.reference.runtime.ParallelRunner;

/** Both matrix-multiply kernels against a naive triple loop, on sizes that hit every edge of the blocking. */
class SgemmTest {
    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextFloat() * 2 - 1;
        }
        return a;
    }

    private static void check(Sgemm g, int m, int k, int n, boolean transposedA, int threads) {
        Random r = new Random(m * 31L + k * 7L + n);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN);
        PackedMatrix p;
        if (transposedA) {
            float[] t = new float[k * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < k; j++) {
                    t[j * m + i] = a[i * k + j];
                }
            }
            p = g.packTransposed(t, 0, m, k, m);
        } else {
            p = g.pack(a, 0, m, k, k);
        }
        try (ParallelRunner par = new ParallelRunner(threads)) {
            g.multiply(p, b, 0, n, n, c, 0, n, par);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int q = 0; q < k; q++) {
                    s += (double) a[i * k + q] * b[q * n + j];
                }
                assertEquals(s, c[i * n + j], 1e-4 * Math.sqrt(k) + 1e-5,
                        g.name() + " C[" + i + "," + j + "] of " + m + "x" + k + "x" + n);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "6,16,16", "7,3,17", "13,300,70", "64,27,1000", "100,700,33", "5,1,5", "37,385,257"})
    void scalarKernelMatchesNaive(int m, int k, int n) {
        check(SgemmSelector.scalar(), m, k, n, false, 2);
        check(SgemmSelector.scalar(), m, k, n, true, 1);
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "6,16,16", "7,3,17", "13,300,70", "64,27,1000", "100,700,33", "5,1,5", "37,385,257"})
    void vectorKernelMatchesNaive(int m, int k, int n) {
        Sgemm v = SgemmSelector.vector();
        assumeTrue(v != null, "skipped: jdk.incubator.vector is not in this JVM (run with --add-modules jdk.incubator.vector)");
        check(v, m, k, n, false, 2);
        check(v, m, k, n, true, 1);
    }

    @Test
    void surefireRunsWithTheVectorModule() {
        // the module's pom adds --add-modules jdk.incubator.vector to the test JVM, so both paths are tested
        assertNotNull(SgemmSelector.vector(), "Vector API kernel available in the test JVM");
    }
}
