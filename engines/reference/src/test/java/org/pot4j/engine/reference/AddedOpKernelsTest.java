package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.engine.reference.OpRunner.f;
import static org.pot4j.engine.reference.OpRunner.l;
import static org.pot4j.engine.reference.OpRunner.op;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The ops ONNX models need beyond the IR set (Broadcast, QuantizeLinear/DequantizeLinear, Interpolate, NormalizeL2,
 * MVN, (Group)ConvolutionBackpropData), against values computed by hand from the OpenVINO / ONNX definitions.
 */
class AddedOpKernelsTest {
    private static final float EPS = 1e-5f;

    @Test
    void broadcastNumpyBidirectionalExplicitAndIntegers() {
        Tensor numpy = op("Broadcast").attr("mode", "numpy").input(f(new float[] {1, 2, 3}, 1, 3)).constant(l(2, 3)).run();
        assertEquals(Shape.of(2, 3), numpy.shape());
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3}, numpy.toFloatArray());
        Tensor bi = op("Broadcast").attr("mode", "bidirectional").input(f(new float[] {1, 2, 3}, 3, 1)).constant(l(1, 2)).run();
        assertEquals(Shape.of(3, 2), bi.shape());
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, bi.toFloatArray());
        Tensor explicit = op("Broadcast").attr("mode", "explicit").input(f(new float[] {5, 6}, 2)).constant(l(2, 3))
                .constant(l(0)).run();
        assertArrayEquals(new float[] {5, 5, 5, 6, 6, 6}, explicit.toFloatArray());
        Tensor ints = op("Broadcast").attr("mode", "numpy").constant(Tensor.ofLongs(Shape.SCALAR, 7)).constant(l(2, 2)).run();
        assertEquals(ElementType.I64, ints.elementType());
        assertArrayEquals(new long[] {7, 7, 7, 7}, ints.toLongArray());
        EngineException bad = assertThrows(EngineException.class,
                () -> op("Broadcast").input(f(new float[] {1, 2, 3}, 3)).constant(l(2, 2)).run());
        assertTrue(bad.getMessage().contains("[3]") && bad.getMessage().contains("broadcast"), bad.getMessage());
    }

    @Test
    void quantizeLinearRoundsHalfToEvenAndSaturates() {
        Tensor x = f(new float[] {0, 1.5f, 2.5f, -1, 300, 2.6f}, 6);
        Tensor u8 = op(OpKinds.QUANTIZE_LINEAR).input(x).constant(Tensor.scalar(1f)).run();
        assertArrayEquals(new long[] {0, 2, 2, 0, 255, 3}, u8.toLongArray(), "no zero point: uint8");
        Tensor i8 = op(OpKinds.QUANTIZE_LINEAR).outputType(ElementType.I8).input(x).constant(Tensor.scalar(0.5f))
                .constant(Tensor.ofLongs(Shape.SCALAR, -1)).run();
        // x / 0.5 = 0, 3, 5, -2, 600, 5.2 -> rint -> + (-1), saturated to [-128, 127]
        assertEquals(ElementType.I8, i8.elementType(), "reported in the declared output type");
        assertArrayEquals(new long[] {-1, 2, 4, -3, 127, 4}, i8.toLongArray());
        Tensor perAxis = op(OpKinds.QUANTIZE_LINEAR).attr("axis", 1L).input(f(new float[] {1, 2, 3, 4}, 2, 2))
                .constant(f(new float[] {1, 2}, 2)).constant(Tensor.ofLongs(Shape.of(2), 0, 10)).run();
        assertArrayEquals(new long[] {1, 11, 3, 12}, perAxis.toLongArray());
    }

    @Test
    void dequantizeLinearPerTensorAndPerAxis() {
        Tensor q = Tensor.ofLongs(Shape.of(3), 0, 128, 255);
        assertArrayEquals(new float[] {-64, 0, 63.5f}, op(OpKinds.DEQUANTIZE_LINEAR).input(q).constant(Tensor.scalar(0.5f))
                .constant(Tensor.ofLongs(Shape.SCALAR, 128)).floats());
        Tensor perAxis = op(OpKinds.DEQUANTIZE_LINEAR).attr("axis", 0L).input(Tensor.ofLongs(Shape.of(2, 2), 1, 2, 3, 4))
                .constant(f(new float[] {2, 0.5f}, 2)).run();
        assertArrayEquals(new float[] {2, 4, 1.5f, 2}, perAxis.toFloatArray());
        EngineException bad = assertThrows(EngineException.class, () -> op(OpKinds.DEQUANTIZE_LINEAR).attr("axis", 1L)
                .input(Tensor.ofLongs(Shape.of(2, 2), 1, 2, 3, 4)).constant(f(new float[] {1, 2, 3}, 3)).run());
        assertTrue(bad.getMessage().contains("does not match axis"), bad.getMessage());
    }

    private static OpRunner interpolate(String mode, String transform, Tensor x) {
        return op(OpKinds.INTERPOLATE).attr("mode", mode).attr("coordinate_transformation_mode", transform)
                .attr("shape_calculation_mode", "scales").input(x);
    }

    @Test
    void interpolateNearest() {
        Tensor x = f(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor up = interpolate("nearest", "asymmetric", x).attr("nearest_mode", "floor")
                .constant(f(new float[] {1, 1, 2, 2}, 4)).run();
        assertEquals(Shape.of(1, 1, 4, 4), up.shape());
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, up.toFloatArray());
        Tensor row = f(new float[] {10, 20, 30, 40}, 1, 1, 1, 4);
        // half_pixel, scale 0.5: coordinates 0.5 and 2.5, exactly between two inputs
        assertArrayEquals(new float[] {10, 30}, interpolate("nearest", "half_pixel", row)
                .attr("nearest_mode", "round_prefer_floor").constant(f(new float[] {1, 1, 1, 0.5f}, 4)).floats());
        assertArrayEquals(new float[] {20, 40}, interpolate("nearest", "half_pixel", row)
                .attr("nearest_mode", "round_prefer_ceil").constant(f(new float[] {1, 1, 1, 0.5f}, 4)).floats());
    }

    @Test
    void interpolateLinearModes() {
        Tensor x = f(new float[] {1, 2}, 1, 1, 1, 2);
        assertArrayEquals(new float[] {1, 1.25f, 1.75f, 2}, interpolate("linear_onnx", "half_pixel", x)
                .constant(f(new float[] {1, 1, 1, 2}, 4)).floats(), EPS);
        assertArrayEquals(new float[] {1, 1.25f, 1.75f, 2}, interpolate("linear", "half_pixel", x)
                .constant(f(new float[] {1, 1, 1, 2}, 4)).floats(), EPS);
        // sizes (Interpolate-11: one integer input) with align_corners: 2 -> 3
        assertArrayEquals(new float[] {1, 1.5f, 2}, op(OpKinds.INTERPOLATE).attr("mode", "linear_onnx")
                .attr("coordinate_transformation_mode", "align_corners").attr("shape_calculation_mode", "sizes").input(x)
                .constant(l(1, 1, 1, 3)).floats(), EPS);
        // Interpolate-4: sizes, scales (floats) and axes; sizes decide
        Tensor v4 = op(OpKinds.INTERPOLATE).attr("mode", "linear_onnx").attr("coordinate_transformation_mode", "asymmetric")
                .attr("shape_calculation_mode", "sizes").input(f(new float[] {1, 2, 3, 4}, 1, 1, 2, 2))
                .constant(l(4, 4)).constant(f(new float[] {2, 2}, 2)).constant(l(2, 3)).run();
        assertEquals(Shape.of(1, 1, 4, 4), v4.shape());
        assertArrayEquals(new float[] {1, 1.5f, 2, 2, 2, 2.5f, 3, 3, 3, 3.5f, 4, 4, 3, 3.5f, 4, 4}, v4.toFloatArray(), EPS);
    }

    @Test
    void interpolateCubic() {
        Tensor x = f(new float[] {0, 1, 2, 3}, 1, 1, 1, 4);
        // Keys a=-0.75 at t=0.5: -0.09375, 0.59375, 0.59375, -0.09375; edge indices clamped
        float[] want = {0, 0.40625f, 1, 1.5f, 2, 2.59375f, 3, 3.09375f};
        assertArrayEquals(want, interpolate("cubic", "asymmetric", x).attr("cube_coeff", -0.75)
                .constant(f(new float[] {1, 1, 1, 2}, 4)).floats(), EPS);
    }

    @Test
    void normalizeL2AndMvn() {
        assertArrayEquals(new float[] {0.6f, 0.8f, 0, 1}, op(OpKinds.NORMALIZE_L2).attr("eps", 1e-12).attr("eps_mode", "add")
                .input(f(new float[] {3, 4, 0, 2}, 2, 2)).constant(l(1)).floats(), EPS);
        // sum of squares 0.5 < eps 4: divided by sqrt(4)
        assertArrayEquals(new float[] {0.25f, 0.25f}, op(OpKinds.NORMALIZE_L2).attr("eps", 4.0).attr("eps_mode", "max")
                .input(f(new float[] {0.5f, 0.5f}, 1, 2)).constant(l(1)).floats(), EPS);
        float[] normalized = {-1.3416408f, -0.4472136f, 0.4472136f, 1.3416408f};
        assertArrayEquals(normalized, op(OpKinds.MVN).attr("normalize_variance", true).attr("eps", 0.0)
                .attr("eps_mode", "inside_sqrt").input(f(new float[] {1, 2, 3, 4}, 1, 4)).constant(l(1)).floats(), EPS);
        // MVN-1: no axes input, spatial axes; mean only without normalize_variance
        assertArrayEquals(normalized, op(OpKinds.MVN).attr("normalize_variance", true).attr("eps", 0.0)
                .attr("across_channels", false).input(f(new float[] {1, 2, 3, 4}, 1, 1, 2, 2)).floats(), EPS);
        assertArrayEquals(new float[] {-0.5f, 0.5f, -0.5f, 0.5f}, op(OpKinds.MVN).attr("normalize_variance", false)
                .attr("eps", 1e-9).input(f(new float[] {1, 2, 3, 4}, 1, 2, 1, 2)).floats(), EPS);
    }

    @Test
    void convolutionBackpropData() {
        Tensor x = f(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor ones = f(new float[] {1, 1, 1, 1}, 1, 1, 2, 2);
        Tensor s2 = op(OpKinds.CONVOLUTION_BACKPROP_DATA).attr("strides", "2,2").attr("pads_begin", "0,0")
                .attr("pads_end", "0,0").attr("dilations", "1,1").input(x).constant(ones).run();
        assertEquals(Shape.of(1, 1, 4, 4), s2.shape());
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, s2.toFloatArray());
        assertArrayEquals(new float[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, op(OpKinds.CONVOLUTION_BACKPROP_DATA)
                .attr("strides", "1,1").input(x).constant(ones).floats());
        assertArrayEquals(new float[] {10}, op(OpKinds.CONVOLUTION_BACKPROP_DATA).attr("strides", "1,1")
                .attr("pads_begin", "1,1").attr("pads_end", "1,1").input(x).constant(ones).floats());
        Tensor shaped = op(OpKinds.CONVOLUTION_BACKPROP_DATA).attr("strides", "1,1").input(x).constant(ones)
                .constant(l(2, 2)).run();
        assertArrayEquals(new float[] {1, 3, 4, 10}, shaped.toFloatArray(), "output_shape [2,2] keeps the first rows");
        Tensor outPad = op(OpKinds.CONVOLUTION_BACKPROP_DATA).attr("strides", "2,2").attr("output_padding", "1,1")
                .input(x).constant(ones).run();
        assertEquals(Shape.of(1, 1, 5, 5), outPad.shape());
        assertEquals(0f, outPad.toFloatArray()[24], "output_padding adds zeros at the end");
        Tensor grouped = op(OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA).attr("strides", "1,1")
                .input(f(new float[] {1, 2}, 1, 2, 1, 1)).constant(f(new float[] {2, 3}, 2, 1, 1, 1, 1)).run();
        assertArrayEquals(new float[] {2, 6}, grouped.toFloatArray());
        // two output channels from one input channel: weights [Cin=1, Cout=2, 1, 1]
        assertArrayEquals(new float[] {1, 2, 3, 4, -1, -2, -3, -4}, op(OpKinds.CONVOLUTION_BACKPROP_DATA).attr("strides", "1,1")
                .input(x).constant(f(new float[] {1, -1}, 1, 2, 1, 1)).floats());
    }

    @Test
    void groupConvolutionBackpropDataTakesOnnxShapedWeightsWithAGroupAttribute() {
        // ONNX ConvTranspose weights [Cin=2, Cout/group=2, 1, 1], group 2: channel 0 -> outputs 0,1; channel 1 -> 2,3
        Tensor w = f(new float[] {1, 2, 3, 4}, 2, 2, 1, 1);
        Tensor y = op(OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA).attr("group", "2").input(f(new float[] {10, 100}, 1, 2, 1, 1))
                .constant(w).run();
        assertEquals(Shape.of(1, 4, 1, 1), y.shape());
        assertArrayEquals(new float[] {10, 20, 300, 400}, y.toFloatArray());
        EngineException bad = assertThrows(EngineException.class, () -> op(OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA)
                .attr("group", "2").input(f(new float[] {1, 2, 3}, 1, 3, 1, 1)).constant(f(new float[3], 3, 1, 1, 1)).run());
        assertTrue(bad.getMessage().contains("divisible by group=2"), bad.getMessage());
    }

    @Test
    void convolutionBackpropDataInThreeDimensions() {
        // one voxel spread by a 2x2x2 kernel of ones with stride 2: every output voxel holds the input once
        Tensor x = f(new float[] {1, 2}, 1, 1, 1, 1, 2);
        Tensor y = op(OpKinds.CONVOLUTION_BACKPROP_DATA).attr("strides", "2,2,2").input(x)
                .constant(f(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, 1, 1, 2, 2, 2)).run();
        assertEquals(Shape.of(1, 1, 2, 2, 4), y.shape());
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1, 2, 2}, y.toFloatArray());
    }

    @Test
    void integerInputsStayIntegerThroughClampMaxPoolAndPower() {
        Tensor i8 = Tensor.ofLongs(Shape.of(4), -100, -3, 4, 100).convert(ElementType.I8);
        Tensor clamped = op(OpKinds.CLAMP).attr("min", "-5").attr("max", "5").outputType(ElementType.I8).input(i8).run();
        assertEquals(ElementType.I8, clamped.elementType());
        assertArrayEquals(new long[] {-5, -3, 4, 5}, clamped.toLongArray());
        Tensor u8 = Tensor.ofLongs(Shape.of(1, 1, 2, 2), 1, 250, 3, 4).convert(ElementType.U8);
        Tensor pooled = op(OpKinds.MAX_POOL).attr("kernel", "2,2").attr("strides", "2,2").outputType(ElementType.U8)
                .input(u8).run();
        assertEquals(ElementType.U8, pooled.elementType());
        assertArrayEquals(new long[] {250}, pooled.toLongArray());
        Tensor base = Tensor.ofLongs(Shape.of(3), 1, 2, 3);
        assertArrayEquals(new long[] {1, 32, 729}, op(OpKinds.POWER).outputType(ElementType.I64).input(base)
                .input(Tensor.ofLongs(Shape.of(3), 4, 5, 6)).run().toLongArray());
        Tensor floatExponent = op(OpKinds.POWER).outputType(ElementType.I64).input(base)
                .input(f(new float[] {0.5f, 2.5f, 2}, 3)).run();
        assertEquals(ElementType.I64, floatExponent.elementType());
        assertArrayEquals(new long[] {1, 5, 9}, floatExponent.toLongArray(), "(long) pow in double: 2^2.5 = 5.66 -> 5");
    }

    @Test
    void maxPoolIndicesInColumnMajorOrderWithStorageOrderOne() {
        // 3x2 plane, one window over all of it: the max 9 sits at row 1, column 1
        Tensor x = f(new float[] {1, 2, 3, 9, 5, 6}, 1, 1, 3, 2);
        Map<String, Tensor> rowMajor = op(OpKinds.MAX_POOL).attr("kernel", "3,2").outputs(2).input(x).runAll();
        assertArrayEquals(new long[] {3}, rowMajor.get("out1").toLongArray(), "1 * 2 + 1");
        Map<String, Tensor> colMajor = op(OpKinds.MAX_POOL).attr("kernel", "3,2").attr("storage_order", "1").outputs(2)
                .input(x).runAll();
        assertArrayEquals(new long[] {4}, colMajor.get("out1").toLongArray(), "1 * 3 + 1");
    }

    @Test
    void poolingInThreeDimensions() {
        // a 2x2x2 cube of 0..7, one 2x2x2 window: max 7 at flat index 7, average 3.5
        float[] cube = {0, 1, 2, 3, 4, 5, 6, 7};
        Map<String, Tensor> max = op(OpKinds.MAX_POOL).attr("kernel", "2,2,2").outputs(2)
                .input(f(cube, 1, 1, 2, 2, 2)).runAll();
        assertEquals(Shape.of(1, 1, 1, 1, 1), max.get("out0").shape());
        assertArrayEquals(new float[] {7}, max.get("out0").toFloatArray());
        assertArrayEquals(new long[] {7}, max.get("out1").toLongArray());
        // padding 1 on both sides with stride 2: the first window holds element 0 and seven pads
        Tensor avg = op(OpKinds.AVG_POOL).attr("kernel", "2,2,2").attr("strides", "2,2,2").attr("pads_begin", "1,1,1")
                .attr("pads_end", "1,1,1").attr("exclude-pad", "false").input(f(cube, 1, 1, 2, 2, 2)).run();
        assertEquals(Shape.of(1, 1, 2, 2, 2), avg.shape());
        assertEquals(0f / 8, avg.toFloatArray()[0], EPS);
        assertEquals(7f / 8, avg.toFloatArray()[7], EPS);
        Tensor excluded = op(OpKinds.AVG_POOL).attr("kernel", "2,2,2").attr("strides", "2,2,2")
                .attr("pads_begin", "1,1,1").attr("pads_end", "1,1,1").attr("exclude-pad", "true")
                .input(f(cube, 1, 1, 2, 2, 2)).run();
        assertEquals(1f, excluded.toFloatArray()[1], EPS);
    }

    @Test
    void emptyAxesReduceEverythingOnlyWhenTheNodeAsksForOnnxSemantics() {
        Tensor x = f(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor openVino = op(OpKinds.REDUCE_SUM).attr("keep_dims", "true").input(x).input(Tensor.ofLongs(Shape.of(0)))
                .run();
        assertEquals(Shape.of(2, 2), openVino.shape(), "OpenVINO: empty axes reduce nothing");
        Tensor onnx = op(OpKinds.REDUCE_SUM).attr("keep_dims", "true").attr("noop_with_empty_axes", "false").input(x)
                .input(Tensor.ofLongs(Shape.of(0))).run();
        assertEquals(Shape.of(1, 1), onnx.shape());
        assertArrayEquals(new float[] {10}, onnx.toFloatArray());
    }

    @Test
    void unsupportedInterpolateSettingsFailAtCompileTime() {
        EngineException e = assertThrows(EngineException.class, () -> op(OpKinds.INTERPOLATE).attr("mode", "bicubic_pillow")
                .input(f(new float[] {1}, 1, 1, 1, 1)).constant(l(1, 1, 1, 1)).run());
        assertTrue(e.getMessage().contains("bicubic_pillow"), e.getMessage());
    }
}
