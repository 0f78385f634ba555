package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.engine.reference.OpRunner.f;
import static org.pot4j.engine.reference.OpRunner.l;
import static org.pot4j.engine.reference.OpRunner.op;

import org.junit.jupiter.api.Test;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Each op against values computed by hand from the OpenVINO op specifications. */
class OpKernelsTest {
    private static final float EPS = 1e-5f;

    private static float[] range(int n) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = i + 1;
        }
        return r;
    }

    @Test
    void convolutionDiagonalKernel() {
        Tensor x = f(range(9), 1, 1, 3, 3);
        Tensor w = f(new float[] {1, 0, 0, 1}, 1, 1, 2, 2);
        Tensor y = op(OpKinds.CONVOLUTION).attr("strides", "1,1").attr("pads_begin", "0,0").attr("pads_end", "0,0")
                .attr("dilations", "1,1").input(x).constant(w).run();
        assertEquals(Shape.of(1, 1, 2, 2), y.shape());
        assertArrayEquals(new float[] {6, 8, 12, 14}, y.toFloatArray(), EPS);
    }

    @Test
    void convolutionWithPaddingAndStride() {
        Tensor x = f(range(9), 1, 1, 3, 3);
        Tensor w = f(new float[] {1, 0, 0, 1}, 1, 1, 2, 2);
        float[] y = op(OpKinds.CONVOLUTION).attr("strides", "2,2").attr("pads_begin", "1,1").attr("pads_end", "1,1")
                .attr("dilations", "1,1").input(x).constant(w).floats();
        assertArrayEquals(new float[] {1, 3, 7, 14}, y, EPS);
    }

    @Test
    void convolutionWithRuntimeWeightsAndSameUpper() {
        Tensor x = f(range(9), 1, 1, 3, 3);
        Tensor w = f(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 3, 3);
        Tensor y = op(OpKinds.CONVOLUTION).attr("strides", "1,1").attr("auto_pad", "same_upper")
                .attr("pads_begin", "0,0").attr("pads_end", "0,0").input(x).input(w).run();
        assertEquals(Shape.of(1, 1, 3, 3), y.shape());
        // centre sums the whole image, corner 1+2+4+5
        assertEquals(45f, y.toFloatArray()[4], EPS);
        assertEquals(12f, y.toFloatArray()[0], EPS);
    }

    @Test
    void depthwiseGroupConvolution() {
        Tensor x = f(range(8), 1, 2, 2, 2);
        Tensor w = f(new float[] {2, 3}, 2, 1, 1, 1, 1);
        float[] y = op(OpKinds.GROUP_CONVOLUTION).attr("strides", "1,1").attr("pads_begin", "0,0")
                .attr("pads_end", "0,0").input(x).constant(w).floats();
        assertArrayEquals(new float[] {2, 4, 6, 8, 15, 18, 21, 24}, y, EPS);
    }

    @Test
    void groupConvolutionWithTwoChannelsPerGroup() {
        // 2 groups of 2 input channels -> 1 output channel each, 1x1 kernel: sums of channel pairs
        Tensor x = f(range(4), 1, 4, 1, 1);
        Tensor w = f(new float[] {1, 1, 1, -1}, 2, 1, 2, 1, 1);
        float[] y = op(OpKinds.GROUP_CONVOLUTION).attr("strides", "1,1").attr("pads_begin", "0,0")
                .attr("pads_end", "0,0").input(x).constant(w).floats();
        assertArrayEquals(new float[] {3, -1}, y, EPS);
    }

    @Test
    void maxPoolCeilRounding() {
        Tensor y = op(OpKinds.MAX_POOL).attr("kernel", "2,2").attr("strides", "2,2").attr("pads_begin", "0,0")
                .attr("pads_end", "0,0").attr("rounding_type", "ceil").input(f(range(9), 1, 1, 3, 3)).run();
        assertEquals(Shape.of(1, 1, 2, 2), y.shape());
        assertArrayEquals(new float[] {5, 6, 8, 9}, y.toFloatArray(), EPS);
    }

    @Test
    void maxPoolFloorRoundingDropsTheLastColumn() {
        Tensor y = op(OpKinds.MAX_POOL).attr("kernel", "2,2").attr("strides", "2,2").attr("pads_begin", "0,0")
                .attr("pads_end", "0,0").attr("rounding_type", "floor").input(f(range(9), 1, 1, 3, 3)).run();
        assertArrayEquals(new float[] {5}, y.toFloatArray(), EPS);
    }

    @Test
    void avgPoolExcludeAndIncludePadding() {
        Tensor x = f(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        float[] ex = op(OpKinds.AVG_POOL).attr("kernel", "2,2").attr("strides", "1,1").attr("pads_begin", "1,1")
                .attr("pads_end", "0,0").attr("exclude-pad", "true").input(x).floats();
        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f}, ex, EPS);
        float[] in = op(OpKinds.AVG_POOL).attr("kernel", "2,2").attr("strides", "1,1").attr("pads_begin", "1,1")
                .attr("pads_end", "0,0").attr("exclude-pad", "false").input(x).floats();
        assertArrayEquals(new float[] {0.25f, 0.75f, 1, 2.5f}, in, EPS);
    }

    @Test
    void binaryOpsBroadcastNumpyStyle() {
        Tensor a = f(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36},
                op(OpKinds.ADD).input(a).constant(f(new float[] {10, 20, 30}, 3)).floats(), EPS);
        assertArrayEquals(new float[] {1, 2, 3, 2, 4, 6},
                op(OpKinds.MULTIPLY).input(f(new float[] {1, 2}, 2, 1)).input(f(new float[] {1, 2, 3}, 1, 3)).floats(), EPS);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5},
                op(OpKinds.SUBTRACT).input(a).constant(Tensor.scalar(1)).floats(), EPS);
        assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3},
                op(OpKinds.DIVIDE).input(a).constant(Tensor.scalar(2)).floats(), EPS);
        assertArrayEquals(new float[] {3, 3, 3, 4, 5, 6},
                op(OpKinds.MAXIMUM).input(a).constant(Tensor.scalar(3)).floats(), EPS);
        assertArrayEquals(new float[] {1, 4, 9, 16, 25, 36},
                op(OpKinds.POWER).input(a).constant(Tensor.scalar(2)).floats(), EPS);
        assertThrows(EngineException.class,
                () -> op(OpKinds.ADD).input(a).input(f(new float[] {1, 2}, 2)).run());
    }

    @Test
    void activations() {
        Tensor x = f(new float[] {-2, -0.5f, 0, 0.5f, 2}, 5);
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 2}, op(OpKinds.RELU).input(x).floats(), EPS);
        assertArrayEquals(new float[] {-1, -0.5f, 0, 0.5f, 1},
                op(OpKinds.CLAMP).attr("min", "-1").attr("max", "1").input(x).floats(), EPS);
        assertArrayEquals(new float[] {-2, -1, 0, 0, 2}, op(OpKinds.FLOOR).input(x).floats(), EPS);
        assertArrayEquals(new float[] {-2, -0f, 0, 1, 2}, op(OpKinds.CEILING).input(x).floats(), EPS);
        float[] s = op(OpKinds.SIGMOID).input(x).floats();
        assertEquals(0.5f, s[2], EPS);
        assertEquals(1 / (1 + Math.exp(-2)), s[4], EPS);
        assertEquals((float) Math.tanh(0.5), op(OpKinds.TANH).input(x).floats()[3], EPS);
        assertEquals((float) Math.exp(2), op(OpKinds.EXP).input(x).floats()[4], 1e-4);
    }

    @Test
    void preluIsPerChannel() {
        Tensor x = f(new float[] {-1, 2, -3, 4}, 1, 2, 1, 2);
        assertArrayEquals(new float[] {-0.1f, 2, -0.6f, 4},
                op(OpKinds.PRELU).input(x).constant(f(new float[] {0.1f, 0.2f}, 2)).floats(), EPS);
    }

    @Test
    void fakeQuantizeEdgeCases() {
        Tensor x = f(new float[] {-1, 0, 0.5f, 1, 2, 0.31f}, 6);
        OpRunner q = op(OpKinds.FAKE_QUANTIZE).attr("levels", 256).input(x).constant(Tensor.scalar(0))
                .constant(Tensor.scalar(1)).constant(Tensor.scalar(0)).constant(Tensor.scalar(1));
        float[] y = q.floats();
        assertEquals(0f, y[0]);
        assertEquals(0f, y[1], "x <= min(il, ih) gives ol exactly");
        assertEquals(128f / 255, y[2], EPS, "127.5 rounds half to even: 128");
        assertEquals(1f, y[3], EPS);
        assertEquals(1f, y[4], "x > max(il, ih) gives oh exactly");
        assertEquals(79f / 255, y[5], EPS);
    }

    @Test
    void fakeQuantizeRoundsHalfToEven() {
        // (0.5 - 0) / 1 * 5 = 2.5 -> 2 (half to even), output 2/5 * 4 - 2
        float[] y = op(OpKinds.FAKE_QUANTIZE).attr("levels", 6).input(f(new float[] {0.5f, 0.7f}, 2))
                .constant(Tensor.scalar(0)).constant(Tensor.scalar(1)).constant(Tensor.scalar(-2))
                .constant(Tensor.scalar(2)).floats();
        assertEquals(0.4f * 4 - 2, y[0], EPS);
        assertEquals(0.8f * 4 - 2, y[1], EPS, "3.5 -> 4");
    }

    @Test
    void fakeQuantizeWithPerChannelRangesAndOutputScaling() {
        Tensor x = f(new float[] {0.5f, 2, 1, 4}, 1, 2, 2);
        Tensor ih = f(new float[] {1, 4}, 1, 2, 1);
        float[] y = op(OpKinds.FAKE_QUANTIZE).attr("levels", 2).input(x).constant(Tensor.scalar(0)).constant(ih)
                .constant(Tensor.scalar(0)).constant(Tensor.scalar(10)).floats();
        // channel 0 range [0,1]: 0.5 -> rint(0.5)=0 -> 0, 2 -> above -> 10; channel 1 range [0,4]: 1 -> rint(0.25)=0, 4 -> 10
        assertArrayEquals(new float[] {0, 10, 0, 10}, y, EPS);
    }

    @Test
    void fakeQuantizeRejectsBadLevels() {
        EngineException e = assertThrows(EngineException.class, () -> op(OpKinds.FAKE_QUANTIZE).attr("levels", 1)
                .input(Tensor.scalar(0)).constant(Tensor.scalar(0)).constant(Tensor.scalar(1))
                .constant(Tensor.scalar(0)).constant(Tensor.scalar(1)).run());
        assertTrue(e.getMessage().contains("levels") && e.getMessage().contains("'op'"), e.getMessage());
    }

    @Test
    void reshapeWithSpecialZeroAndMinusOne() {
        Tensor x = f(range(24), 2, 3, 4);
        assertEquals(Shape.of(2, 12), op(OpKinds.RESHAPE).attr("special_zero", "true").input(x).constant(l(0, -1)).run().shape());
        assertEquals(Shape.of(0 + 4, 6), op(OpKinds.RESHAPE).attr("special_zero", "false").input(x).constant(l(4, -1)).run().shape());
    }

    @Test
    void reshapeTakesTheFedBatchWhenTheModelBakedInBatchOne() {
        Tensor x = f(range(24), 4, 6);
        assertEquals(Shape.of(4, 6), op(OpKinds.RESHAPE).attr("special_zero", "false").input(x).constant(l(1, 6)).run().shape());
    }

    @Test
    void squeezeUnsqueezeShapeOf() {
        Tensor x = f(range(6), 1, 2, 1, 3);
        assertEquals(Shape.of(2, 3), op(OpKinds.SQUEEZE).input(x).constant(l(0, 2)).run().shape());
        assertEquals(Shape.of(2, 3), op(OpKinds.SQUEEZE).input(x).run().shape());
        assertEquals(Shape.of(1, 1, 2, 1, 3, 1), op(OpKinds.UNSQUEEZE).input(x).constant(l(0, -1)).run().shape());
        Tensor s = op(OpKinds.SHAPE_OF).input(x).run();
        assertEquals(ElementType.I64, s.elementType());
        assertArrayEquals(new long[] {1, 2, 1, 3}, s.toLongArray());
    }

    @Test
    void stridedSliceWithMasks() {
        Tensor x = f(range(24), 2, 3, 4);
        Tensor mid = op(OpKinds.STRIDED_SLICE).attr("begin_mask", "1,0").attr("end_mask", "1,0")
                .input(x).constant(l(0, 1)).constant(l(0, 3)).constant(l(1, 1)).run();
        assertEquals(Shape.of(2, 2, 4), mid.shape());
        assertEquals(5f, mid.toFloatArray()[0]);
        Tensor shrink = op(OpKinds.STRIDED_SLICE).attr("shrink_axis_mask", "1").input(x).constant(l(1)).constant(l(2))
                .constant(l(1)).run();
        assertEquals(Shape.of(3, 4), shrink.shape());
        assertEquals(13f, shrink.toFloatArray()[0]);
        Tensor newAxis = op(OpKinds.STRIDED_SLICE).attr("new_axis_mask", "1").input(x).constant(l(0)).constant(l(0))
                .constant(l(1)).run();
        assertEquals(Shape.of(1, 2, 3, 4), newAxis.shape());
        Tensor ellipsis = op(OpKinds.STRIDED_SLICE).attr("ellipsis_mask", "1,0").input(x).constant(l(0, 1))
                .constant(l(0, 2)).constant(l(1, 1)).run();
        assertEquals(Shape.of(2, 3, 1), ellipsis.shape());
        assertArrayEquals(new float[] {2, 6, 10, 14, 18, 22}, ellipsis.toFloatArray(), EPS);
        Tensor reversed = op(OpKinds.STRIDED_SLICE).attr("begin_mask", "1").attr("end_mask", "1")
                .input(f(range(4), 4)).constant(l(0)).constant(l(0)).constant(l(-1)).run();
        assertArrayEquals(new float[] {4, 3, 2, 1}, reversed.toFloatArray(), EPS);
        Tensor onShapes = op(OpKinds.STRIDED_SLICE).attr("begin_mask", "0").attr("end_mask", "0")
                .input(l(1, 3, 300, 300)).constant(l(2)).constant(l(4)).constant(l(1)).run();
        assertArrayEquals(new long[] {300, 300}, onShapes.toLongArray());
    }

    @Test
    void gatherConcatTranspose() {
        Tensor data = f(range(6), 3, 2);
        assertArrayEquals(new float[] {5, 6, 1, 2},
                op(OpKinds.GATHER).input(data).constant(l(2, 0)).constant(Tensor.ofLongs(Shape.SCALAR, 0)).floats(), EPS);
        Tensor g = op(OpKinds.GATHER).input(data).constant(Tensor.ofLongs(Shape.SCALAR, -1))
                .constant(Tensor.ofLongs(Shape.SCALAR, 1)).run();
        assertEquals(Shape.of(3), g.shape());
        assertArrayEquals(new float[] {2, 4, 6}, g.toFloatArray(), EPS);
        Tensor c = op(OpKinds.CONCAT).attr("axis", 1).input(f(new float[] {1, 2, 3, 4}, 2, 2))
                .input(f(new float[] {5, 6}, 2, 1)).run();
        assertArrayEquals(new float[] {1, 2, 5, 3, 4, 6}, c.toFloatArray(), EPS);
        Tensor t = op(OpKinds.TRANSPOSE).input(f(range(6), 2, 3)).constant(l(1, 0)).run();
        assertEquals(Shape.of(3, 2), t.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.toFloatArray(), EPS);
    }

    @Test
    void splitAndVariadicSplit() {
        var out = op(OpKinds.SPLIT).attr("num_splits", 2).outputs(2).input(f(range(4), 1, 4))
                .constant(Tensor.ofLongs(Shape.SCALAR, 1)).runAll();
        assertArrayEquals(new float[] {3, 4}, out.get("out1").toFloatArray(), EPS);
        var v = op(OpKinds.VARIADIC_SPLIT).outputs(2).input(f(range(5), 5)).constant(Tensor.ofLongs(Shape.SCALAR, 0))
                .constant(l(1, -1)).runAll();
        assertArrayEquals(new float[] {2, 3, 4, 5}, v.get("out1").toFloatArray(), EPS);
    }

    @Test
    void softmaxReduceMatMul() {
        float[] sm = op(OpKinds.SOFTMAX).attr("axis", 1).input(f(new float[] {0, (float) Math.log(3)}, 1, 2)).floats();
        assertArrayEquals(new float[] {0.25f, 0.75f}, sm, EPS);
        Tensor mean = op(OpKinds.REDUCE_MEAN).attr("keep_dims", "true").input(f(range(8), 1, 2, 2, 2))
                .constant(l(2, 3)).run();
        assertEquals(Shape.of(1, 2, 1, 1), mean.shape());
        assertArrayEquals(new float[] {2.5f, 6.5f}, mean.toFloatArray(), EPS);
        Tensor sum = op(OpKinds.REDUCE_SUM).attr("keep_dims", "false").input(f(range(6), 2, 3)).constant(l(0)).run();
        assertArrayEquals(new float[] {5, 7, 9}, sum.toFloatArray(), EPS);
        Tensor mm = op(OpKinds.MAT_MUL).attr("transpose_b", "true").input(f(range(6), 2, 3))
                .constant(f(new float[] {1, 0, 0, 0, 1, 1}, 2, 3)).run();
        assertEquals(Shape.of(2, 2), mm.shape());
        assertArrayEquals(new float[] {1, 5, 4, 11}, mm.toFloatArray(), EPS);
        Tensor batched = op(OpKinds.MAT_MUL).input(f(range(4), 2, 1, 2)).input(f(new float[] {1, 1}, 2, 1)).run();
        assertEquals(Shape.of(2, 1, 1), batched.shape());
        assertArrayEquals(new float[] {3, 7}, batched.toFloatArray(), EPS);
    }

    @Test
    void convertRoundsThroughHalfPrecisionAndToIntegers() {
        Tensor half = Tensor.fromFloats(ElementType.F16, Shape.of(2), new float[] {1.5f, -2.25f});
        assertArrayEquals(new float[] {1.5f, -2.25f}, op(OpKinds.CONVERT).attr("destination_type", "f32")
                .constant(half).run().toFloatArray(), EPS);
        Tensor ints = op(OpKinds.CONVERT).attr("destination_type", "i32").input(f(new float[] {2.5f, -1.7f}, 2)).run();
        assertArrayEquals(new long[] {2, -2}, ints.toLongArray());
    }

    @Test
    void priorBoxClustered() {
        float[] y = op(OpKinds.PRIOR_BOX_CLUSTERED).attr("width", "2").attr("height", "4").attr("clip", "0")
                .attr("offset", "0.5").attr("variance", "0.1,0.1,0.2,0.2").constant(l(1, 1)).constant(l(10, 10)).floats();
        assertArrayEquals(new float[] {0.4f, 0.3f, 0.6f, 0.7f, 0.1f, 0.1f, 0.2f, 0.2f}, y, EPS);
    }

    @Test
    void priorBoxWithMaxSizeAndFlippedAspectRatio() {
        Tensor t = op(OpKinds.PRIOR_BOX).attr("min_size", "10").attr("max_size", "20").attr("aspect_ratio", "2")
                .attr("flip", "true").attr("clip", "false").attr("step", "0").attr("offset", "0.5")
                .attr("variance", "0.1,0.1,0.2,0.2").attr("scale_all_sizes", "true")
                .constant(l(1, 1)).constant(l(100, 100)).run();
        assertEquals(Shape.of(2, 16), t.shape());
        float[] y = t.toFloatArray();
        float r = (float) Math.sqrt(200) / 2 / 100;
        float a = 10 * (float) Math.sqrt(2) / 2 / 100;
        float b = 10 / (float) Math.sqrt(2) / 2 / 100;
        assertArrayEquals(new float[] {0.45f, 0.45f, 0.55f, 0.55f, 0.5f - r, 0.5f - r, 0.5f + r, 0.5f + r,
            0.5f - a, 0.5f - b, 0.5f + a, 0.5f + b, 0.5f - b, 0.5f - a, 0.5f + b, 0.5f + a},
                java.util.Arrays.copyOf(y, 16), EPS);
        assertEquals(0.2f, y[16 + 15], EPS);
    }

    private static OpRunner detection(float[] conf, float[] priors) {
        return op(OpKinds.DETECTION_OUTPUT).attr("num_classes", 2).attr("background_label_id", 0).attr("top_k", 10)
                .attr("keep_top_k", "3").attr("code_type", "caffe.PriorBoxParameter.CENTER_SIZE")
                .attr("share_location", "true").attr("nms_threshold", 0.45).attr("confidence_threshold", 0.01)
                .attr("variance_encoded_in_target", "false").attr("normalized", "true")
                .input(f(new float[8], 1, 8)).input(f(conf, 1, 4)).constant(f(priors, 1, 2, 8));
    }

    @Test
    void detectionOutputSuppressesOverlapsAndMarksTheEnd() {
        float[] priors = {0.1f, 0.1f, 0.5f, 0.5f, 0.12f, 0.1f, 0.52f, 0.5f, 0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f};
        Tensor t = detection(new float[] {0.1f, 0.9f, 0.2f, 0.8f}, priors).run();
        assertEquals(Shape.of(1, 1, 3, 7), t.shape());
        float[] y = t.toFloatArray();
        assertArrayEquals(new float[] {0, 1, 0.9f, 0.1f, 0.1f, 0.5f, 0.5f}, java.util.Arrays.copyOf(y, 7), EPS);
        assertEquals(-1f, y[7], "the row after the last detection has image id -1");
    }

    @Test
    void detectionOutputKeepsSeparateBoxesByScore() {
        float[] priors = {0.1f, 0.1f, 0.2f, 0.2f, 0.6f, 0.6f, 0.9f, 0.9f, 0.1f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f, 0.2f, 0.2f};
        float[] y = detection(new float[] {0.7f, 0.3f, 0.2f, 0.8f}, priors).floats();
        assertEquals(0.8f, y[2], EPS);
        assertEquals(0.6f, y[3], EPS);
        assertEquals(0.3f, y[7 + 2], EPS);
        assertEquals(-1f, y[14]);
    }

    @Test
    void padModes() {
        Tensor x = f(new float[] {1, 2, 3}, 3);
        assertArrayEquals(new float[] {9, 1, 2, 3, 9, 9}, op(OpKinds.PAD).attr("pad_mode", "constant").input(x)
                .constant(l(1)).constant(l(2)).constant(Tensor.scalar(9)).floats(), EPS);
        assertArrayEquals(new float[] {2, 1, 2, 3, 2}, op(OpKinds.PAD).attr("pad_mode", "reflect").input(x)
                .constant(l(1)).constant(l(1)).floats(), EPS);
        assertArrayEquals(new float[] {1, 1, 2, 3, 3}, op(OpKinds.PAD).attr("pad_mode", "symmetric").input(x)
                .constant(l(1)).constant(l(1)).floats(), EPS);
    }

    @Test
    void batchNormInference() {
        float[] y = op(OpKinds.BATCH_NORM).attr("epsilon", 0).input(f(new float[] {1, 2, 3, 4}, 1, 2, 2))
                .constant(f(new float[] {1, 2}, 2)).constant(f(new float[] {0, 1}, 2))
                .constant(f(new float[] {1, 3}, 2)).constant(f(new float[] {4, 1}, 2)).floats();
        assertArrayEquals(new float[] {0, 0.5f, 1, 3}, y, EPS);
    }

    @Test
    void unsupportedOpFailsAtCompileTimeNamingTypeAndNode() {
        EngineException e = assertThrows(EngineException.class,
                () -> op("NonMaxSuppression").input(Tensor.scalar(1)).run());
        assertTrue(e.getMessage().contains("NonMaxSuppression") && e.getMessage().contains("'op'"), e.getMessage());
    }
}
