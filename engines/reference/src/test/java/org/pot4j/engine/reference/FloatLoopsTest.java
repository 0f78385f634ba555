package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.loops.FloatLoops.BinaryOp;
import org.pot4j.engine.reference.loops.FloatLoopsSelector;

/**
 * Both loop implementations against direct per-element definitions, bit for bit, on lengths around the vector width
 * and odd offsets (tails, unaligned starts).
 */
class FloatLoopsTest {
    private static final int[] LENGTHS = {0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 257};

    private static List<FloatLoops> implementations() {
        List<FloatLoops> l = new ArrayList<>();
        l.add(FloatLoopsSelector.scalar());
        FloatLoops v = FloatLoopsSelector.vector();
        if (v != null) {
            l.add(v);
        }
        return l;
    }

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() - 0.5f) * 8;
        }
        return v;
    }

    @Test
    void vectorLoopsArePresentUnderSurefire() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "jdk.incubator.vector is not in this JVM: only the scalar loops can be tested");
        assertEquals(2, implementations().size());
    }

    @Test
    void binaryOpsMatchTheirDefinition() {
        Random r = new Random(3);
        for (FloatLoops loops : implementations()) {
            for (BinaryOp op : BinaryOp.values()) {
                for (int n : LENGTHS) {
                    float[] x = random(r, n + 5);
                    float[] y = random(r, n + 5);
                    for (int[] st : new int[][] {{1, 1}, {1, 0}, {0, 1}}) {
                        float[] out = new float[n + 2];
                        float[] want = new float[n + 2];
                        loops.binary(op, x, 3, st[0], y, 2, st[1], out, 1, n);
                        for (int i = 0; i < n; i++) {
                            want[1 + i] = op.apply(x[3 + i * st[0]], y[2 + i * st[1]]);
                        }
                        assertArrayEquals(want, out, loops.name() + " " + op + " n=" + n);
                    }
                }
            }
        }
    }

    @Test
    void activationsAndEpiloguesMatchTheirDefinition() {
        Random r = new Random(5);
        for (FloatLoops loops : implementations()) {
            for (int n : LENGTHS) {
                float[] x = random(r, n + 4);
                float[] out = new float[n + 4];
                float[] want = new float[n + 4];
                loops.clamp(x, 2, out, 1, n, 0f, 6f);
                for (int i = 0; i < n; i++) {
                    want[1 + i] = Math.min(Math.max(x[2 + i], 0f), 6f);
                }
                assertArrayEquals(want, out, loops.name() + " clamp n=" + n);

                float[] c = x.clone();
                loops.biasClamp(c, 1, n, 0.25f, 0f, Float.POSITIVE_INFINITY);
                float[] wc = x.clone();
                for (int i = 1; i < 1 + n; i++) {
                    float v = wc[i] + 0.25f;
                    wc[i] = v > 0 ? v : 0f;
                }
                assertArrayEquals(wc, c, loops.name() + " bias+relu n=" + n);

                c = x.clone();
                loops.biasPrelu(c, 2, n, -0.5f, 0.1f);
                wc = x.clone();
                for (int i = 2; i < 2 + n; i++) {
                    float v = wc[i] - 0.5f;
                    wc[i] = v < 0 ? v * 0.1f : v;
                }
                assertArrayEquals(wc, c, loops.name() + " bias+prelu n=" + n);

                c = x.clone();
                loops.scaleBiasClamp(c, 1, n, 0.7f, -0.1f, -1f, 2f);
                wc = x.clone();
                for (int i = 1; i < 1 + n; i++) {
                    wc[i] = Math.min(Math.max(wc[i] * 0.7f - 0.1f, -1f), 2f);
                }
                assertArrayEquals(wc, c, loops.name() + " scale+bias+clamp n=" + n);

                float[] bias = random(r, n + 3);
                c = x.clone();
                loops.rowBiasClamp(c, 1, bias, 3, n, -1f, 1f);
                wc = x.clone();
                for (int i = 0; i < n; i++) {
                    wc[1 + i] = Math.min(Math.max(wc[1 + i] + bias[3 + i], -1f), 1f);
                }
                assertArrayEquals(wc, c, loops.name() + " row bias n=" + n);

                float[] y = random(r, n + 4);
                float[] wy = y.clone();
                loops.axpy(0.3f, x, 1, y, 2, n);
                for (int i = 0; i < n; i++) {
                    wy[2 + i] += 0.3f * x[1 + i];
                }
                assertArrayEquals(wy, y, loops.name() + " axpy n=" + n);

                // nine taps over overlapping, unaligned runs, as a 3x3 depthwise plane reads them
                float[] taps = random(r, 11);
                int[] at = {0, 1, 2, n / 2, n / 2 + 1, n / 2 + 2, n, n + 1, n + 2};
                float[] plane = random(r, 2 * n + 3);
                float[] sum = new float[n + 3];
                loops.taps(taps, 2, plane, at, at.length, sum, 3, n);
                float[] wantSum = new float[n + 3];
                for (int i = 0; i < n; i++) {
                    float s = 0f;
                    for (int t = 0; t < at.length; t++) {
                        s = Math.fma(taps[2 + t], plane[at[t] + i], s);
                    }
                    wantSum[3 + i] = s;
                }
                assertArrayEquals(wantSum, sum, loops.name() + " taps n=" + n);
                // four outputs whose weights are 2 apart (overlapping windows), results n + 1 apart
                float[] four = new float[4 * (n + 1) + 2];
                loops.taps4(taps, 0, 2, plane, at, 5, four, 2, n + 1, n);
                for (int k = 0; k < 4; k++) {
                    for (int i = 0; i < n; i++) {
                        float s = 0f;
                        for (int t = 0; t < 5; t++) {
                            s = Math.fma(taps[2 * k + t], plane[at[t] + i], s);
                        }
                        assertEquals(s, four[2 + k * (n + 1) + i], loops.name() + " taps4 output " + k + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void fakeQuantizeRoundsHalfToEvenAndSaturates() {
        Random r = new Random(7);
        for (FloatLoops loops : implementations()) {
            for (int levels : new int[] {2, 3, 16, 255, 256, 65536}) {
                for (float[] range : new float[][] {{-1f, 1f, -1f, 1f}, {0f, 2.55f, 0f, 255f}, {1f, -1f, 0f, 1f}, {0.5f, 0.5f, -2f, 2f}}) {
                    int n = 203;
                    float[] x = random(r, n);
                    // exact ties of the level grid: (x - il) / (ih - il) * (levels - 1) = k + 0.5
                    for (int i = 0; i < 40; i++) {
                        x[i] = range[0] + (range[1] - range[0]) * (i % (levels - 1 + 1) + 0.5f) / (levels - 1);
                    }
                    float[] out = new float[n];
                    loops.fakeQuantize(x, 0, out, 0, n, range[0], range[1], range[2], range[3], levels);
                    for (int i = 0; i < n; i++) {
                        float want = FloatLoops.fakeQuantize(x[i], range[0], range[1], range[2], range[3], levels);
                        assertEquals(want, out[i], 0f, loops.name() + " levels " + levels + " x=" + x[i]);
                    }
                }
            }
            float[] ties = {0.5f, 1.5f, 2f, 3f};
            float[] q = new float[4];
            loops.fakeQuantize(ties, 0, q, 0, 4, 0f, 2f, 0f, 2f, 3);
            assertArrayEquals(new float[] {0f, 2f, 2f, 2f}, q, loops.name() + ": 0.5 -> 0 and 1.5 -> 2 (half to even), above the range saturates");
        }
    }
}
