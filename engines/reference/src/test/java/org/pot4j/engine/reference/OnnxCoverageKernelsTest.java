package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.engine.reference.OpRunner.f;
import static org.pot4j.engine.reference.OpRunner.l;
import static org.pot4j.engine.reference.OpRunner.op;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The trickier kernels added for real ONNX models (issue 13): LSTM/GRU/RNN against the cell equations written out
 * step by step for one hidden unit, Einsum equations, Resize's tf_crop_and_resize, TopK ties, Mod signs, NaN
 * comparisons, Pad wrap. The ONNX node tests (engines/conformance) cover the rest.
 */
class OnnxCoverageKernelsTest {
    private static final float EPS = 1e-6f;

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** One LSTM step with one input and one hidden unit; gates i, o, f, c; returns {h, c}. */
    private static double[] lstmStep(double x, double h, double c, double[] w, double[] r) {
        double i = sigmoid(w[0] * x + r[0] * h);
        double o = sigmoid(w[1] * x + r[1] * h);
        double f = sigmoid(w[2] * x + r[2] * h);
        double g = Math.tanh(w[3] * x + r[3] * h);
        double cn = f * c + i * g;
        return new double[] {o * Math.tanh(cn), cn};
    }

    @Test
    void lstmForwardAndBidirectionalFollowTheCellEquations() {
        double[] w = {0.5, 0.4, 0.3, 0.2};
        double[] r = {0.1, 0.2, 0.3, 0.4};
        Tensor x = f(new float[] {1, 2}, 2, 1, 1);
        Tensor wt = f(new float[] {0.5f, 0.4f, 0.3f, 0.2f}, 1, 4, 1);
        Tensor rt = f(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 1, 4, 1);
        Map<String, Tensor> out = op("LSTM").attr("hidden_size", 1L).outputs(3)
                .input(x).constant(wt).constant(rt).runAll();
        double[] s1 = lstmStep(1, 0, 0, w, r);
        double[] s2 = lstmStep(2, s1[0], s1[1], w, r);
        assertEquals(Shape.of(2, 1, 1, 1), out.get("out0").shape());
        assertArrayEquals(new float[] {(float) s1[0], (float) s2[0]}, out.get("out0").toFloatArray(), EPS);
        assertArrayEquals(new float[] {(float) s2[0]}, out.get("out1").toFloatArray(), EPS);
        assertArrayEquals(new float[] {(float) s2[1]}, out.get("out2").toFloatArray(), EPS);

        // bidirectional: the reverse direction reads x2 first; Y holds each direction's state at each time step
        Tensor w2 = f(new float[] {0.5f, 0.4f, 0.3f, 0.2f, 0.5f, 0.4f, 0.3f, 0.2f}, 2, 4, 1);
        Tensor r2 = f(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.1f, 0.2f, 0.3f, 0.4f}, 2, 4, 1);
        Map<String, Tensor> bi = op("LSTM").attr("hidden_size", 1L).attr("direction", "bidirectional").outputs(3)
                .input(x).constant(w2).constant(r2).runAll();
        double[] b2 = lstmStep(2, 0, 0, w, r);
        double[] b1 = lstmStep(1, b2[0], b2[1], w, r);
        assertEquals(Shape.of(2, 2, 1, 1), bi.get("out0").shape());
        assertArrayEquals(new float[] {(float) s1[0], (float) b1[0], (float) s2[0], (float) b2[0]},
                bi.get("out0").toFloatArray(), EPS);
        assertArrayEquals(new float[] {(float) s2[0], (float) b1[0]}, bi.get("out1").toFloatArray(), EPS);
    }

    @Test
    void gruBothResetPlacementsAndSequenceLengths() {
        // gates z, r, h; B = [Wb z r h, Rb z r h]; initial state 0.5 so the reset placement matters
        double wz = 0.5;
        double wr = 0.6;
        double wh = 0.7;
        double rz = 0.1;
        double rr = 0.2;
        double rh = 0.3;
        double wbh = 0.1;
        double rbh = 0.2;
        double h0 = 0.5;
        Tensor x = f(new float[] {1, 2}, 2, 1, 1);
        Tensor w = f(new float[] {0.5f, 0.6f, 0.7f}, 1, 3, 1);
        Tensor r = f(new float[] {0.1f, 0.2f, 0.3f}, 1, 3, 1);
        Tensor b = f(new float[] {0, 0, 0.1f, 0, 0, 0.2f}, 1, 6);
        Tensor init = f(new float[] {0.5f}, 1, 1, 1);
        for (long linearBeforeReset : new long[] {0, 1}) {
            double h = h0;
            float[] expected = new float[2];
            for (int t = 0; t < 2; t++) {
                double xt = t + 1;
                double z = sigmoid(wz * xt + rz * h);
                double re = sigmoid(wr * xt + rr * h);
                double cand = linearBeforeReset == 0
                        ? Math.tanh(wh * xt + wbh + rh * (re * h) + rbh)
                        : Math.tanh(wh * xt + wbh + re * (rh * h + rbh));
                h = (1 - z) * cand + z * h;
                expected[t] = (float) h;
            }
            Map<String, Tensor> out = op("GRU").attr("hidden_size", 1L).attr("linear_before_reset", linearBeforeReset)
                    .outputs(2).input(x).constant(w).constant(r).constant(b).absent().input(init).runAll();
            assertArrayEquals(expected, out.get("out0").toFloatArray(), EPS, "linear_before_reset " + linearBeforeReset);
            assertArrayEquals(new float[] {expected[1]}, out.get("out1").toFloatArray(), EPS);
        }
        // a sequence of length 1 in a batch of 2 steps: Y is zero past its end and Y_h is its last valid state
        Tensor x2 = f(new float[] {1, 1, 2, 2}, 2, 2, 1);
        Map<String, Tensor> lens = op("GRU").attr("hidden_size", 1L).outputs(2).input(x2).constant(w).constant(r)
                .constant(b).constant(Tensor.ofLongs(Shape.of(2), 2, 1)).runAll();
        float[] y = lens.get("out0").toFloatArray();
        assertEquals(0f, y[3], "batch 1, step 2: past its length");
        assertEquals(y[1], lens.get("out1").toFloatArray()[1], EPS);
        assertEquals(y[2], lens.get("out1").toFloatArray()[0], EPS);
    }

    @Test
    void rnnReverseWithReluActivation() {
        Tensor x = f(new float[] {1, -3}, 2, 1, 1);
        Map<String, Tensor> out = op("RNN").attr("hidden_size", 1L).attr("direction", "reverse")
                .attr("activations", List.of("Relu")).outputs(2).input(x).constant(f(new float[] {2}, 1, 1, 1))
                .constant(f(new float[] {0.5f}, 1, 1, 1)).runAll();
        // reverse: t=1 first: relu(2 * -3) = 0; then t=0: relu(2 * 1 + 0.5 * 0) = 2
        assertArrayEquals(new float[] {2, 0}, out.get("out0").toFloatArray(), EPS);
        assertArrayEquals(new float[] {2}, out.get("out1").toFloatArray(), EPS);
    }

    @Test
    void einsumMatmulTransposeDiagonalBatchAndImplicit() {
        Tensor a = f(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = f(new float[] {1, 0, 0, 1, 1, 1}, 3, 2);
        assertArrayEquals(new float[] {4, 5, 10, 11}, op("Einsum").attr("equation", "ij,jk->ik").input(a).input(b)
                .floats(), EPS);
        assertArrayEquals(new float[] {4, 5, 10, 11}, op("Einsum").attr("equation", "ij,jk").input(a).input(b)
                .floats(), EPS, "implicit output: labels seen once, alphabetical");
        Tensor t = op("Einsum").attr("equation", "ij->ji").input(a).run();
        assertEquals(Shape.of(3, 2), t.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toFloatArray(), EPS);
        Tensor sq = f(new float[] {1, 2, 3, 4}, 2, 2);
        assertArrayEquals(new float[] {1, 4}, op("Einsum").attr("equation", "ii->i").input(sq).floats(), EPS);
        assertArrayEquals(new float[] {30}, op("Einsum").attr("equation", "i,i").input(f(new float[] {1, 2, 3, 4}, 4))
                .input(f(new float[] {1, 2, 3, 4}, 4)).floats(), EPS);
        Tensor batch = op("Einsum").attr("equation", "...ij,...jk->...ik")
                .input(f(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2)).input(f(new float[] {1, 0, 0, 1}, 2, 2)).run();
        assertEquals(Shape.of(2, 2, 2), batch.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, batch.toFloatArray(), EPS);
        EngineException bad = assertThrows(EngineException.class,
                () -> op("Einsum").attr("equation", "ij,j2->i").input(a).input(b).run());
        assertTrue(bad.getMessage().contains("ij,j2->i") && bad.getMessage().contains("'op'"), bad.getMessage());
    }

    @Test
    void tfCropAndResizeExtrapolatesOutsideTheInput() {
        // 1x1x2x2 -> 1x1x3x3 over roi starts [0, 0, -1, 0], ends [1, 1, 1, 1]: row coordinates -1, 0, 1 (the first
        // outside the 2-row input -> the extrapolation value 10), column coordinates 0, 0.5, 1
        Tensor x = f(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        float[] y = op(OpKinds.INTERPOLATE).attr("mode", "linear_onnx").attr("shape_calculation_mode", "sizes")
                .attr("coordinate_transformation_mode", "tf_crop_and_resize")
                .attr("roi", new double[] {0, 0, -1, 0, 1, 1, 1, 1}).attr("extrapolation_value", 10.0)
                .input(x).constant(l(1, 1, 3, 3)).floats();
        assertArrayEquals(new float[] {10, 10, 10, 1, 1.5f, 2, 3, 3.5f, 4}, y, EPS);
    }

    @Test
    void topKKeepsTheLowerIndexOfEqualValues() {
        Map<String, Tensor> out = op("TopK").attr("axis", -1L).attr("mode", "max").attr("sort", "value").outputs(2)
                .input(f(new float[] {3, 5, 5, 1}, 4)).constant(l(3)).runAll();
        assertArrayEquals(new float[] {5, 5, 3}, out.get("out0").toFloatArray());
        assertArrayEquals(new long[] {1, 2, 0}, out.get("out1").toLongArray());
    }

    @Test
    void modSignsAndNanComparisons() {
        Tensor a = Tensor.ofLongs(Shape.of(4), -7, 7, -7, 7);
        Tensor b = Tensor.ofLongs(Shape.of(4), 3, -3, -3, 3);
        assertArrayEquals(new long[] {2, -2, -1, 1}, op("FloorMod").input(a).input(b).run().toLongArray());
        assertArrayEquals(new long[] {-1, 1, -1, 1}, op("Mod").input(a).input(b).run().toLongArray());
        Tensor x = f(new float[] {1, Float.NaN, 2}, 3);
        Tensor y = f(new float[] {1, Float.NaN, 3}, 3);
        assertArrayEquals(new long[] {1, 0, 0}, op("Equal").input(x).input(y).run().toLongArray());
        assertArrayEquals(new long[] {0, 1, 1}, op("NotEqual").input(x).input(y).run().toLongArray());
        assertArrayEquals(new long[] {1, 0, 1}, op("LessEqual").input(x).input(y).run().toLongArray());
    }

    @Test
    void padWrapRepeatsTheInput() {
        float[] y = op(OpKinds.PAD).attr("pad_mode", "wrap").input(f(new float[] {1, 2, 3}, 3)).constant(l(2))
                .constant(l(1)).floats();
        assertArrayEquals(new float[] {2, 3, 1, 2, 3, 1}, y);
    }
}
