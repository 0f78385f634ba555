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
        return direct(x, w, stride, pad, groups, 1);
    }

    private static float[] direct(Tensor x, Tensor w, int stride, int pad, int groups, int dilation) {
        long[] xs = x.shape().dims();
        long[] ws = w.shape().dims();
        int n = (int) xs[0], c = (int) xs[1], h = (int) xs[2], wd = (int) xs[3];
        int oc = (int) ws[0], cg = (int) ws[1], kh = (int) ws[2], kw = (int) ws[3];
        int oh = (h + 2 * pad - (kh - 1) * dilation - 1) / stride + 1;
        int ow = (wd + 2 * pad - (kw - 1) * dilation - 1) / stride + 1;
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
                                    int iy = y * stride - pad + ky * dilation;
                                    int ix = z * stride - pad + kx * dilation;
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
        compare(n, c, hw, oc, k, stride, pad, groups, 1);
    }

    private static void compare(int n, int c, int hw, int oc, int k, int stride, int pad, int groups, int dilation) {
        Random r = new Random(c * 1000L + oc + k);
        Tensor x = random(r, n, c, hw, hw);
        Tensor w = random(r, oc, c / groups, k, k);
        float[] want = direct(x, w, stride, pad, groups, dilation);
        for (boolean vector : new boolean[] {true, false}) {
            String kind = groups == 1 ? OpKinds.CONVOLUTION : OpKinds.GROUP_CONVOLUTION;
            Tensor weights = groups == 1 ? w : w.reshape(org.pot4j.api.tensor.Shape.of(groups, oc / groups, c / groups, k, k));
            float[] got = op(kind).attr("strides", stride + "," + stride).attr("pads_begin", pad + "," + pad)
                    .attr("pads_end", pad + "," + pad).attr("dilations", dilation + "," + dilation)
                    .config(Map.of("threads", 2, "vector", vector))
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
    void batchesSpreadWholeImagesOverTheThreads() {
        // n >= threads: each thread runs im2col and the GEMMs of its own images
        compare(5, 19, 13, 33, 3, 2, 1, 1);
        compare(3, 12, 6, 9, 3, 1, 1, 3);
        compare(4, 16, 1, 24, 1, 1, 0, 1);
    }

    @Test
    void depthwiseAndGroupedConvolutions() {
        compare(2, 8, 7, 8, 3, 1, 1, 8);
        compare(1, 8, 9, 12, 3, 2, 1, 4);
    }

    @Test
    void depthwisePolyphasePlanesForEveryStride() {
        compare(1, 5, 37, 5, 3, 1, 1, 5);
        compare(1, 3, 37, 3, 5, 1, 2, 3);
        compare(2, 6, 11, 6, 3, 2, 1, 6);
        compare(1, 4, 12, 4, 3, 2, 0, 4);
        compare(1, 4, 13, 4, 5, 3, 2, 4);
    }

    @Test
    void dilatedDepthwiseUsesTheRowLoop() {
        compare(1, 4, 15, 4, 3, 1, 2, 4, 2);
        compare(1, 3, 16, 3, 3, 2, 1, 3, 2);
    }

    @Test
    void onnxShapedGroupConvolutionWeights() {
        Random r = new Random(11);
        Tensor x = random(r, 1, 8, 9, 9);
        Tensor w = random(r, 12, 2, 3, 3);
        float[] want = direct(x, w, 1, 1, 4);
        float[] got = op(OpKinds.GROUP_CONVOLUTION).attr("strides", "1,1").attr("pads_begin", "1,1").attr("pads_end", "1,1")
                .attr("dilations", "1,1").attr("group", 4L).input(x).constant(w).floats();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4, "element " + i);
        }
    }

    /** Max or average pooling by definition (window clipped to the input; average over valid or padded area). */
    private static float[] pool(Tensor x, boolean max, int k, int stride, int pad, boolean ceil, boolean excludePad) {
        long[] xs = x.shape().dims();
        int planes = (int) (xs[0] * xs[1]), h = (int) xs[2], w = (int) xs[3];
        int span = h + 2 * pad - k;
        int o = ceil ? (span + stride - 1) / stride + 1 : span / stride + 1;
        if (ceil && (o - 1) * stride >= h + pad) {
            o--;
        }
        float[] v = x.toFloatArray();
        float[] out = new float[planes * o * o];
        for (int p = 0; p < planes; p++) {
            for (int oy = 0; oy < o; oy++) {
                for (int ox = 0; ox < o; ox++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int valid = 0;
                    int padded = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy * stride - pad + ky;
                            int ix = ox * stride - pad + kx;
                            if (iy < h + pad && ix < w + pad) {
                                padded++;
                            }
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                float e = v[(p * h + iy) * w + ix];
                                acc = max ? Math.max(acc, e) : acc + e;
                                valid++;
                            }
                        }
                    }
                    out[(p * o + oy) * o + ox] = (float) (max ? acc : acc / (excludePad ? valid : padded));
                }
            }
        }
        return out;
    }

    @Test
    void poolingRowLoopsAgreeWithTheDefinition() {
        Random r = new Random(13);
        Tensor x = random(r, 2, 3, 23, 23);
        int[][] cases = {{3, 2, 0, 1}, {3, 2, 1, 0}, {2, 2, 0, 0}, {3, 1, 1, 0}, {5, 3, 2, 1}};
        for (int[] c : cases) {
            for (boolean max : new boolean[] {true, false}) {
                for (boolean exclude : new boolean[] {true, false}) {
                    float[] want = pool(x, max, c[0], c[1], c[2], c[3] == 1, exclude);
                    for (boolean vector : new boolean[] {true, false}) {
                        String p = c[2] + "," + c[2];
                        float[] got = op(max ? OpKinds.MAX_POOL : OpKinds.AVG_POOL).attr("kernel", c[0] + "," + c[0])
                                .attr("strides", c[1] + "," + c[1]).attr("pads_begin", p).attr("pads_end", p)
                                .attr("rounding_type", c[3] == 1 ? "ceil" : "floor").attr("exclude-pad", exclude)
                                .config(Map.of("threads", 2, "vector", vector)).input(x).floats();
                        assertEquals(want.length, got.length);
                        for (int i = 0; i < want.length; i++) {
                            assertEquals(want[i], got[i], 1e-5, (max ? "max" : "avg") + " k" + c[0] + " s" + c[1] + " p" + c[2]
                                    + (vector ? " vector" : " scalar") + " element " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fakeQuantizeWithBroadcastRangesAgreesWithTheDefinition() {
        Random r = new Random(19);
        Tensor x = random(r, 2, 3, 5, 7);
        float[] xv = x.toFloatArray();
        // per-channel input low/high, a per-tensor output range, and one range varying along the last axis
        Tensor il = Tensor.ofFloats(new float[] {-0.4f, -0.3f, -0.2f}, 1, 3, 1, 1);
        Tensor ih = Tensor.ofFloats(new float[] {0.4f, 0.2f, 0.45f}, 3, 1, 1);
        Tensor ol = Tensor.scalar(-1f);
        float[] ohv = {1, 2, 3, 4, 5, 6, 7};
        Tensor oh = Tensor.ofFloats(ohv, 7);
        for (boolean vector : new boolean[] {true, false}) {
            float[] got = op(OpKinds.FAKE_QUANTIZE).attr("levels", 255).config(Map.of("threads", 2, "vector", vector))
                    .input(x).constant(il).constant(ih).constant(ol).constant(oh).floats();
            for (int i = 0; i < xv.length; i++) {
                int c = (i / 35) % 3;
                float want = org.pot4j.engine.reference.loops.FloatLoops.fakeQuantize(xv[i], il.toFloatArray()[c],
                        ih.toFloatArray()[c], -1f, ohv[i % 7], 255);
                assertEquals(want, got[i], 0f, (vector ? "vector" : "scalar") + " element " + i);
            }
        }
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
