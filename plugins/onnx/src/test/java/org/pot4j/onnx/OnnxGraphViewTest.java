package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.floatAttr;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;
import static org.pot4j.onnx.OnnxTestModels.ramp;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Shape;
import org.pot4j.testkit.TestAssets;

/** The neutral view of small hand-made models: kinds, OpenVINO attribute spelling, inputs and inferred shapes. */
class OnnxGraphViewTest {
    @TempDir
    Path dir;

    private Graph view(OnnxTestModels m) throws IOException {
        return new OnnxModelFormat().read(ModelSource.of(m.write(dir.resolve("m.onnx")))).graph();
    }

    @Test
    void convWithBiasIsConvolutionPlusAddWithAnIrShapedBias() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 1, 2, 8, 8).output("y")
                .initializer("w", ramp(3 * 2 * 3 * 3), 3, 2, 3, 3).initializer("b", new float[] {1, 2, 3}, 3)
                .node("Conv", "conv", in("x", "w", "b"), out("y"), ints("pads", 0, 1, 2, 1), ints("strides", 2, 2)));
        Node conv = g.requireNode("conv");
        assertEquals(OpKinds.CONVOLUTION, conv.kind());
        assertEquals("Conv", conv.nativeType());
        Attributes a = conv.attributes();
        assertArrayEquals(new long[] {2, 2}, a.longs("strides").get());
        assertArrayEquals(new long[] {0, 1}, a.longs("pads_begin").get());
        assertArrayEquals(new long[] {2, 1}, a.longs("pads_end").get());
        assertArrayEquals(new long[] {1, 1}, a.longs("dilations").get());
        assertEquals("explicit", a.string("auto_pad").get());
        assertFalse(a.has("group"));
        assertEquals(Shape.of(1, 3, 4, 4), conv.output(0).shape());
        assertEquals("w", g.weights(conv).orElseThrow().name());
        Node bias = g.requireNode("conv/bias");
        assertEquals(OpKinds.ADD, bias.kind());
        assertEquals("conv", bias.input(0).get().node());
        assertEquals(Shape.of(1, 3, 1, 1), g.requireNode("b").output(0).shape());
        assertEquals(java.util.List.of("y"), bias.output(0).tensorNames());
        assertTrue(conv.output(0).tensorNames().isEmpty(), "the conv result without bias has no ONNX name");
    }

    @Test
    void groupedConvKeepsOnnxWeightsAndAGroupAttribute() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 1, 4, 5, 5).output("y")
                .initializer("w", ramp(4 * 1 * 3 * 3), 4, 1, 3, 3)
                .node("Conv", "dw", in("x", "w"), out("y"), intAttr("group", 4),
                        OnnxTestModels.AttrStrings.autoPad("SAME_UPPER")));
        Node dw = g.requireNode("dw");
        assertEquals(OpKinds.GROUP_CONVOLUTION, dw.kind());
        assertEquals(4L, dw.attributes().longValue("group").get());
        assertEquals("same_upper", dw.attributes().string("auto_pad").get());
        assertEquals(Shape.of(4, 1, 3, 3), g.weights(dw).orElseThrow().output(0).shape());
        assertEquals(Shape.of(1, 4, 5, 5), dw.output(0).shape());
    }

    @Test
    void convTransposeIsConvolutionBackpropDataWithOutputPaddingAndABiasAdd() throws IOException {
        Graph g = view(OnnxTestModels.opset(11).input("x", 1, 2, 3, 3).output("y")
                .initializer("w", ramp(2 * 3 * 3 * 3), 2, 3, 3, 3).initializer("b", new float[] {1, 2, 3}, 3)
                .node("ConvTranspose", "up", in("x", "w", "b"), out("y"), ints("strides", 3, 2),
                        ints("pads", 1, 2, 1, 2), ints("output_padding", 1, 0)));
        Node up = g.requireNode("up");
        assertEquals(OpKinds.CONVOLUTION_BACKPROP_DATA, up.kind());
        assertEquals("ConvTranspose", up.nativeType());
        Attributes a = up.attributes();
        assertArrayEquals(new long[] {3, 2}, a.longs("strides").get());
        assertArrayEquals(new long[] {1, 2}, a.longs("pads_begin").get());
        assertArrayEquals(new long[] {1, 2}, a.longs("pads_end").get());
        assertArrayEquals(new long[] {1, 0}, a.longs("output_padding").get());
        // 3*(3-1) + 3 - 1 - 1 + 1 = 8 rows, 2*(3-1) + 3 - 2 - 2 = 3 columns
        assertEquals(Shape.of(1, 3, 8, 3), up.output(0).shape());
        assertEquals(Shape.of(2, 3, 3, 3), g.weights(up).orElseThrow().output(0).shape());
        assertEquals(Shape.of(1, 3, 1, 1), g.requireNode("b").output(0).shape());
        assertEquals(java.util.List.of("y"), g.requireNode("up/bias").output(0).tensorNames());
    }

    @Test
    void groupedConvTransposeKeepsOnnxWeightsAndTakesOutputShapeAsAnInput() throws IOException {
        Graph g = view(OnnxTestModels.opset(11).input("x", 1, 4, 3, 3).output("y")
                .initializer("w", ramp(4 * 1 * 3 * 3), 4, 1, 3, 3)
                .node("ConvTranspose", "up", in("x", "w"), out("y"), intAttr("group", 2), ints("strides", 2, 2),
                        ints("output_shape", 1, 2, 8, 7)));
        Node up = g.requireNode("up");
        assertEquals(OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA, up.kind());
        assertEquals(2L, up.attributes().longValue("group").get());
        assertEquals("same_lower", up.attributes().string("auto_pad").get(), "ONNX puts the odd pad first");
        assertEquals(Shape.of(1, 2, 8, 7), up.output(0).shape());
        assertEquals("up/output_shape", up.input(2).get().node());
        assertArrayEquals(new long[] {8, 7}, g.producer(up, 2).orElseThrow().constantValue().orElseThrow().toLongArray());
    }

    @Test
    void reduceSumWithoutAxesReducesEveryAxisAndRuntimeAxesCarryOnnxSemantics() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 2, 3).input("axes", 0).output("all").output("some")
                .longInitializer("none")
                .node("ReduceSum", "all", in("x", "none"), out("all"))
                .node("ReduceSum", "some", in("x", "axes"), out("some"), intAttr("keepdims", 0)));
        Node all = g.requireNode("all");
        assertEquals(Shape.of(1, 1), all.output(0).shape(), "empty constant axes: every axis, as ONNX says");
        assertArrayEquals(new long[] {0, 1}, g.producer(all, 1).orElseThrow().constantValue().orElseThrow().toLongArray());
        Node some = g.requireNode("some");
        assertFalse(some.attributes().booleanValue("noop_with_empty_axes", true),
                "axes known at run time: the engine is told that empty means all");
    }

    @Test
    void trainingDropoutIsRefusedAndInferenceDropoutDropped() throws IOException {
        OnnxTestModels training = OnnxTestModels.opset(13).input("x", 2).input("t").output("y")
                .node("Dropout", "drop", in("x", "", "t"), out("y"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> view(training));
        assertTrue(e.getMessage().contains("training_mode"), e.getMessage());
        Graph g = view(OnnxTestModels.opset(13).input("x", 2).output("y").node("Dropout", "drop", in("x"), out("y")));
        assertTrue(g.node("drop").isEmpty());
    }

    @Test
    void maxPoolWithColumnMajorIndicesSaysSo() throws IOException {
        Graph g = view(OnnxTestModels.opset(12).input("x", 1, 1, 4, 4).output("y").output("i")
                .node("MaxPool", "pool", in("x"), out("y", "i"), ints("kernel_shape", 2, 2), intAttr("storage_order", 1)));
        assertEquals(1L, g.requireNode("pool").attributes().longValue("storage_order").get());
    }

    @Test
    void gemmIsMatMulWithTransposeFlagsAndABiasAdd() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 2, 6).output("y")
                .initializer("w", ramp(4 * 6), 4, 6).initializer("c", ramp(4), 4)
                .node("Gemm", "fc", in("x", "w", "c"), out("y"), intAttr("transB", 1)));
        Node fc = g.requireNode("fc");
        assertEquals(OpKinds.MAT_MUL, fc.kind());
        assertEquals(true, fc.attributes().booleanValue("transpose_b").get());
        assertEquals(false, fc.attributes().booleanValue("transpose_a").get());
        assertEquals(Shape.of(2, 4), fc.output(0).shape());
        assertEquals(OpKinds.ADD, g.requireNode("fc/bias").kind());
        assertEquals("w", g.weights(fc).orElseThrow().name());
    }

    @Test
    void gemmWithAlphaIsRejectedNamingTheNode() {
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 2, 6).output("y").initializer("w", ramp(24), 6, 4)
                .node("Gemm", "scaled", in("x", "w"), out("y"), floatAttr("alpha", 0.5f));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> view(m));
        assertTrue(e.getMessage().contains("'scaled'") && e.getMessage().contains("alpha"), e.getMessage());
    }

    @Test
    void clipFromInputsAndFromAttributesIsClamp() throws IOException {
        Graph g11 = view(OnnxTestModels.opset(11).input("x", 1, 3).output("y")
                .initializer("lo", new float[] {0}).initializer("hi", new float[] {6})
                .node("Clip", "relu6", in("x", "lo", "hi"), out("y")));
        Node c = g11.requireNode("relu6");
        assertEquals(OpKinds.CLAMP, c.kind());
        assertEquals(0.0, c.attributes().doubleValue("min").get());
        assertEquals(6.0, c.attributes().doubleValue("max").get());
        Graph g9 = view(OnnxTestModels.opset(9).input("x", 1, 3).output("y")
                .node("Clip", "clip", in("x"), out("y"), floatAttr("min", -1), floatAttr("max", 1)));
        assertEquals(-1.0, g9.requireNode("clip").attributes().doubleValue("min").get());
    }

    @Test
    void poolsTranslateCeilModeAndPadding() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 1, 2, 7, 7).output("y").output("z")
                .node("MaxPool", "mp", in("x"), out("y"), ints("kernel_shape", 2, 2), ints("strides", 2, 2),
                        intAttr("ceil_mode", 1))
                .node("AveragePool", "ap", in("x"), out("z"), ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1),
                        intAttr("count_include_pad", 1)));
        Node mp = g.requireNode("mp");
        assertEquals(OpKinds.MAX_POOL, mp.kind());
        assertEquals("ceil", mp.attributes().string("rounding_type").get());
        assertArrayEquals(new long[] {2, 2}, mp.attributes().longs("kernel").get());
        assertEquals(Shape.of(1, 2, 4, 4), mp.output(0).shape());
        Node ap = g.requireNode("ap");
        assertEquals(OpKinds.AVG_POOL, ap.kind());
        assertEquals(false, ap.attributes().booleanValue("exclude-pad").get());
        assertEquals(Shape.of(1, 2, 7, 7), ap.output(0).shape());
    }

    @Test
    void globalAveragePoolIsReduceMeanOverSpatialAxes() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 1, 8, 5, 5).output("y")
                .node("GlobalAveragePool", "gap", in("x"), out("y")));
        Node gap = g.requireNode("gap");
        assertEquals(OpKinds.REDUCE_MEAN, gap.kind());
        assertEquals(true, gap.attributes().booleanValue("keep_dims").get());
        assertArrayEquals(new long[] {2, 3}, g.producer(gap, 1).orElseThrow().constantValue().orElseThrow().toLongArray());
        assertEquals(Shape.of(1, 8, 1, 1), gap.output(0).shape());
    }

    @Test
    void constantNodesAreWeightsLikeInitializers() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y")
                .node("Constant", "w_const", in(), out("w"),
                        OnnxTestModels.tensorAttr("value", OnnxTestModels.floats("", ramp(18), 1, 2, 3, 3)))
                .node("Conv", "conv", in("x", "w"), out("y")));
        Node w = g.weights(g.requireNode("conv")).orElseThrow();
        assertEquals("w_const", w.name());
        assertTrue(w.isConstant());
        assertEquals(Shape.of(1, 2, 3, 3), w.constantValue().orElseThrow().shape());
        assertEquals(Shape.of(1, 1, 2, 2), g.requireNode("conv").output(0).shape());
    }

    @Test
    void symbolicDimensionsAreDynamicAndPropagate() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", -1, 3, -1, -1).output("y")
                .initializer("w", ramp(2 * 3), 2, 3, 1, 1).node("Conv", "conv", in("x", "w"), out("y")));
        assertEquals(Shape.of(-1, 3, -1, -1), g.parameters().get(0).output(0).shape());
        assertEquals(Shape.of(-1, 2, -1, -1), g.requireNode("conv").output(0).shape());
    }

    @Test
    void unsqueezeAxesFromAttributeOrInputBecomeAnInput() throws IOException {
        Graph old = view(OnnxTestModels.opset(11).input("x", 3, 4).output("y")
                .node("Unsqueeze", "u", in("x"), out("y"), ints("axes", 0)));
        Node u = old.requireNode("u");
        assertEquals(OpKinds.UNSQUEEZE, u.kind());
        assertArrayEquals(new long[] {0}, old.producer(u, 1).orElseThrow().constantValue().orElseThrow().toLongArray());
        assertEquals(Shape.of(1, 3, 4), u.output(0).shape());
        Graph current = view(OnnxTestModels.opset(13).input("x", 3, 4).output("y").longInitializer("axes", -1)
                .node("Unsqueeze", "u", in("x", "axes"), out("y")));
        assertEquals(Shape.of(3, 4, 1), current.requireNode("u").output(0).shape());
    }

    @Test
    void shapeComputationsAreFoldedSoReshapesKnowTheirTarget() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 2, 3, 4).output("y")
                .longInitializer("i0", 0).longInitializer("minus1", -1)
                .node("Shape", "shape", in("x"), out("s"))
                .node("Gather", "batch", in("s", "i0"), out("n"))
                .node("Concat", "target", in("n", "minus1"), out("t"), intAttr("axis", 0))
                .node("Reshape", "flat", in("x", "t"), out("y")));
        assertEquals(Shape.of(2, 12), g.requireNode("flat").output(0).shape());
        assertEquals(OpKinds.SHAPE_OF, g.requireNode("shape").kind());
        assertEquals(OpKinds.GATHER, g.requireNode("batch").kind());
    }

    @Test
    void opsetNineSoftmaxOverFlattenedAxesIsFlattenSoftMaxReshape() throws IOException {
        Graph g = view(OnnxTestModels.opset(9).input("x", 1, 2, 3, 3).output("y")
                .node("Softmax", "sm", in("x"), out("y"), intAttr("axis", 1)));
        assertEquals(OpKinds.FLATTEN, g.requireNode("sm/flatten").kind());
        assertEquals(OpKinds.SOFTMAX, g.requireNode("sm").kind());
        assertEquals(Shape.of(1, 18), g.requireNode("sm").output(0).shape());
        Node restore = g.requireNode("sm/restore");
        assertEquals(OpKinds.RESHAPE, restore.kind());
        assertEquals(Shape.of(1, 2, 3, 3), restore.output(0).shape());
        assertEquals(java.util.List.of("y"), restore.output(0).tensorNames());
    }

    @Test
    void identityIsDroppedAndItsOutputNameKept() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 1, 3).output("y")
                .node("Relu", "relu", in("x"), out("r")).node("Identity", "id", in("r"), out("y")));
        assertTrue(g.node("id").isEmpty());
        assertEquals("y", g.requireNode("relu").output(0).tensorNames().get(0));
        assertEquals("relu", g.results().get(0).input(0).get().node());
    }

    @Test
    void quantizeDequantizeStayAsThemselves() {
        Path quant = TestAssets.require("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128_quant.onnx");
        Graph g = new OnnxModelFormat().read(ModelSource.of(quant)).graph();
        long q = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.QUANTIZE_LINEAR)).count();
        long dq = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.DEQUANTIZE_LINEAR)).count();
        assertEquals(61, q);
        assertEquals(61, dq);
        Node conv = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.CONVOLUTION)
                || n.kind().equals(OpKinds.GROUP_CONVOLUTION)).findFirst().orElseThrow();
        // this export quantizes float weights in the graph: Const -> QuantizeLinear -> DequantizeLinear -> Conv
        Node dequantize = g.producer(conv, 1).orElseThrow();
        assertEquals(OpKinds.DEQUANTIZE_LINEAR, dequantize.kind());
        Node quantize = g.producer(dequantize, 0).orElseThrow();
        assertEquals(OpKinds.QUANTIZE_LINEAR, quantize.kind());
        assertTrue(g.producer(quantize, 0).orElseThrow().isConstant());
    }

    @Test
    void metadataAndValueInfoSurviveARoundTrip() throws IOException {
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 1, 3).output("y").valueInfo("r", 1, 3)
                .node("Relu", "relu", in("x"), out("r")).node("Sigmoid", "sig", in("r"), out("y"));
        org.pot4j.onnx.proto.OnnxMl.ModelProto p = m.build().toBuilder()
                .addMetadataProps(org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder()
                        .setKey("author").setValue("pot4j test"))
                .build();
        Path f = dir.resolve("meta.onnx");
        java.nio.file.Files.write(f, p.toByteArray());
        OnnxModelFormat format = new OnnxModelFormat();
        OnnxModel read = format.read(ModelSource.of(f));
        OnnxModel again = format.read(ModelSource.of(format.write(read, dir.resolve("out"), "meta").get(0)));
        assertEquals(p, again.proto());
        assertEquals("pot4j test", again.proto().getMetadataProps(0).getValue());
    }
}
