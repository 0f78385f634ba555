package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.engine.reference.OpRunner.op;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.tensor.Tensor;

/**
 * Convolutions big enough to use every blocking path, run with the Vector API kernels and with the plain-Java ones
 * ({@code vector=false}), against a direct nested-loop convolution.
 */
class KernelPathsTest {
    private static Tensor random(Random r, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() - 0.5f;
        }
        return Tensor.ofFloats(v, dims);
    }

    /** NCHW convolution by definition. */
    private static float[] direct(Tensor x, Tensor w, int stride, int pad, int groups) {
        long[] xs = x.shape().dims();
        long[] ws = w.shape().dims();
        int n = (int) xs[0], c = (int) xs[1], h = (int) xs[2], wd = (int) xs[3];
        int oc = (int) ws[0], cg = (int) ws[1], kh = (int) ws[2], kw = (int) ws[3];
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (wd + 2 * pad - kw) / stride + 1;
        float[] xv = x.toFloatArray();
        float[] wv = w.toFloatArray();
        float[] out = new float[n * oc * oh * ow];
        int ocg = oc / groups;
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < oc; o++) {
                int g = o / ocg;
                for (int y = 0; y < oh; y++) {
                    for (int z = 0; z < ow; z++) {
                        double s = 0;
                        for (int ci = 0; ci < cg; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = y * stride - pad + ky;
                                    int ix = z * stride - pad + kx;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += xv[((b * c + g * cg + ci) * h + iy) * wd + ix]
                                                * wv[((o * cg + ci) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                        out[((b * oc + o) * oh + y) * ow + z] = (float) s;
                    }
                }
            }
        }
        return out;
    }

    private static void compare(int n, int c, int hw, int oc, int k, int stride, int pad, int groups) {
        Random r = new Random(c * 1000L + oc + k);
        Tensor x = random(r, n, c, hw, hw);
        Tensor w = random(r, oc, c / groups, k, k);
        float[] want = direct(x, w, stride, pad, groups);
        for (boolean vector : new boolean[] {true, false}) {
            String kind = groups == 1 ? OpKinds.CONVOLUTION : OpKinds.GROUP_CONVOLUTION;
            Tensor weights = groups == 1 ? w : w.reshape(org.pot4j.api.tensor.Shape.of(groups, oc / groups, c / groups, k, k));
            float[] got = op(kind).attr("strides", stride + "," + stride).attr("pads_begin", pad + "," + pad)
                    .attr("pads_end", pad + "," + pad).attr("dilations", "1,1").config(Map.of("threads", 2, "vector", vector))
                    .input(x).constant(weights).floats();
            assertEquals(want.length, got.length);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4, (vector ? "vector" : "scalar") + " element " + i);
            }
        }
    }

    @Test
    void pointwiseConvolutionMultipliesTheInputDirectly() {
        compare(2, 40, 9, 70, 1, 1, 0, 1);
    }

    @Test
    void paddedStridedConvolutionUsesIm2col() {
        compare(1, 19, 13, 33, 3, 2, 1, 1);
    }

    @Test
    void depthwiseAndGroupedConvolutions() {
        compare(2, 8, 7, 8, 3, 1, 1, 8);
        compare(1, 8, 9, 12, 3, 2, 1, 4);
    }

    @Test
    void theEngineReportsWhichKernelItUses() {
        try (var e = OpRunner.engine(Map.of("vector", false))) {
            assertEquals("scalar", ((ReferenceEngine) e).kernelName());
        }
        try (var e = OpRunner.engine(Map.of())) {
            assertTrue(((ReferenceEngine) e).kernelName().startsWith("vector"), ((ReferenceEngine) e).kernelName());
        }
    }
}
