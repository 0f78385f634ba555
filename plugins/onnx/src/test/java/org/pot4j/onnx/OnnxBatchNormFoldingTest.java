package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.floatAttr;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/** QuantizationEditor.foldBatchNormalization on ONNX: the arithmetic, and the pairs it must leave alone. */
class OnnxBatchNormFoldingTest {
    private static OnnxModel model(OnnxTestModels m) {
        return new OnnxModel("m", Path.of("m.onnx"), m.build(), OnnxExternalData.NONE);
    }

    private static OnnxTestModels bn(OnnxTestModels m, String name, String x, String y, String prefix) {
        return m.initializer(prefix + "s", new float[] {2f, 0.5f}, 2)
                .initializer(prefix + "b", new float[] {0.25f, -1f}, 2)
                .initializer(prefix + "m", new float[] {1f, -2f}, 2)
                .initializer(prefix + "v", new float[] {3f, 0.75f}, 2)
                .node("BatchNormalization", name, in(x, prefix + "s", prefix + "b", prefix + "m", prefix + "v"), out(y),
                        floatAttr("epsilon", 1f));
    }

    private static Map<String, NodeProto> nodes(GraphProto g) {
        return g.getNodeList().stream().collect(Collectors.toMap(NodeProto::getName, n -> n));
    }

    private static float[] values(GraphProto g, String name) {
        TensorProto t = g.getInitializerList().stream().filter(i -> i.getName().equals(name)).findFirst().orElseThrow();
        return OnnxTensors.decode(t, p -> null).toFloatArray();
    }

    @Test
    void aConvolutionTakesOverTheNormalizationAndItsOutputName() {
        // W [2,1,1,2], bias [0.5, 1]; s = scale / sqrt(var + 1) = {2/2, 0.5/sqrt(1.75)}
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 1, 1, 3, 3)
                .initializer("w", new float[] {1f, 2f, 3f, 4f}, 2, 1, 1, 2)
                .initializer("bias", new float[] {0.5f, 1f}, 2)
                .node("Conv", "conv", in("x", "w", "bias"), out("c"));
        bn(m, "bn", "c", "y", "bn.").node("Relu", "relu", in("y"), out("r")).valueInfo("c", 1, 2, 3, 2).output("r");
        OnnxModel model = model(m);
        assertEquals(1, model.extension(QuantizationEditor.class).orElseThrow().foldBatchNormalization());
        GraphProto g = model.proto().getGraph();
        Map<String, NodeProto> nodes = nodes(g);
        assertFalse(nodes.containsKey("bn"));
        NodeProto conv = nodes.get("conv");
        assertEquals("y", conv.getOutput(0), "the convolution writes the normalization's output");
        double s1 = 0.5 / Math.sqrt(1.75);
        assertArrayEquals(new float[] {1f, 2f, (float) (3 * s1), (float) (4 * s1)}, values(g, conv.getInput(1)));
        assertArrayEquals(new float[] {(float) ((0.5 - 1) * 1 + 0.25), (float) ((1 + 2) * s1 - 1)},
                values(g, conv.getInput(2)), 1e-7f);
        assertTrue(g.getInitializerList().stream().noneMatch(t -> t.getName().startsWith("bn.") || t.getName().equals("w")),
                "the replaced constants are gone");
        assertEquals(0, g.getValueInfoCount(), "the convolution's old output tensor no longer exists");
        assertEquals(OpKinds.CONVOLUTION, model.graph().requireNode("conv").kind());
    }

    @Test
    void aConvolutionWithoutBiasGetsOneAndSharedWeightsStay() {
        OnnxTestModels m = OnnxTestModels.opset(9).input("x", 1, 1, 3, 3)
                .initializer("w", new float[] {1f, 2f, 3f, 4f}, 2, 1, 1, 2)
                .node("Conv", "conv", in("x", "w"), out("c"))
                .node("Conv", "other", in("x", "w"), out("d"));
        bn(m, "bn", "c", "y", "bn.").output("y").output("d");
        OnnxModel model = model(m);
        assertEquals(1, model.extension(QuantizationEditor.class).orElseThrow().foldBatchNormalization());
        GraphProto g = model.proto().getGraph();
        NodeProto conv = nodes(g).get("conv");
        assertEquals(3, conv.getInputCount());
        assertArrayEquals(new float[] {(float) (-1 * 1 + 0.25), (float) (2 * (0.5 / Math.sqrt(1.75)) - 1)},
                values(g, conv.getInput(2)), 1e-7f);
        assertEquals("w", nodes(g).get("other").getInput(1));
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, values(g, "w"), "still read by the other convolution");
    }

    @Test
    void pairsThatCannotFoldAreLeftAlone() {
        OnnxTestModels m = OnnxTestModels.opset(15).input("x", 1, 1, 3, 3)
                .initializer("w", new float[] {1f, 2f, 3f, 4f}, 2, 1, 1, 2)
                // the convolution's output is also a model output
                .node("Conv", "shown", in("x", "w"), out("c1"))
                // weights computed at run time
                .node("Neg", "neg", in("w"), out("nw"))
                .node("Conv", "computed", in("x", "nw"), out("c2"))
                // a training-mode normalization
                .node("Conv", "trained", in("x", "w"), out("c3"));
        bn(m, "bn1", "c1", "y1", "a.");
        bn(m, "bn2", "c2", "y2", "b.");
        m.initializer("t.s", new float[] {1f, 1f}, 2).initializer("t.b", new float[2], 2)
                .initializer("t.m", new float[2], 2).initializer("t.v", new float[] {1f, 1f}, 2)
                .node("BatchNormalization", "bn3", in("c3", "t.s", "t.b", "t.m", "t.v"), out("y3"),
                        intAttr("training_mode", 1));
        m.output("c1").output("y1").output("y2").output("y3");
        OnnxModel model = model(m);
        GraphProto before = model.proto().getGraph();
        assertEquals(0, model.extension(QuantizationEditor.class).orElseThrow().foldBatchNormalization());
        assertEquals(before.getNodeList(), model.proto().getGraph().getNodeList());
    }
}
