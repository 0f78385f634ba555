package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.floats;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;
import static org.pot4j.onnx.OnnxTestModels.ramp;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Shape;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;

/**
 * Models without value_info: every op pot4j maps or has an ONNX shape rule for gets its output shape; an op without
 * one is named when a reader needs its shape; constants computed from initializers fold in the view and in the saved
 * model.
 */
class OnnxShapeInferenceTest {
    @TempDir
    Path dir;

    private OnnxModel read(OnnxTestModels m, String name) throws Exception {
        return (OnnxModel) new OnnxModelFormat().read(ModelSource.of(m.write(dir.resolve(name + ".onnx"))));
    }

    private static Shape shapeOf(Graph g, String tensor) {
        for (Node n : g.nodes()) {
            for (int i = 0; i < n.outputs().size(); i++) {
                if (n.output(i).tensorNames().contains(tensor)) {
                    return n.output(i).shape();
                }
            }
        }
        throw new AssertionError("no tensor " + tensor);
    }

    @Test
    void unmappedStandardOpsFollowOnnxShapeRulesWithoutValueInfo() throws Exception {
        // a Paddle2ONNX-like head: HardSigmoid and DepthToSpace have no mapper; GlobalAveragePool needs the rank
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", -1, 8, 6, 6)
                .initializer("w", ramp(8 * 8 * 9), 8, 8, 3, 3)
                .node("Conv", "conv", in("x", "w"), out("c"), ints("pads", 1, 1, 1, 1))
                .node("HardSigmoid", "hs", in("c"), out("h"))
                .node("DepthToSpace", "d2s", in("h"), out("d"), intAttr("blocksize", 2))
                .node("ArgMax", "am", in("d"), out("idx"), intAttr("axis", 1))
                .node("GlobalAveragePool", "gap", in("d"), out("y"))
                .output("y");
        Graph g = read(m, "shapeless").graph();
        assertEquals(Shape.of(-1, 8, 6, 6), shapeOf(g, "h"));
        assertEquals(Shape.of(-1, 2, 12, 12), shapeOf(g, "d"));
        assertEquals(Shape.of(-1, 1, 12, 12), shapeOf(g, "idx"));
        assertEquals(Shape.of(-1, 2, 1, 1), shapeOf(g, "y"));
    }

    @Test
    void aCustomOpWhoseShapeIsNeededIsNamedWithTheFix() throws Exception {
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 1, 3, 8, 8)
                .customNode("com.example", "ShapeIndexPatch", "patch", in("x"), out("p"))
                .node("Relu", "relu", in("p"), out("r"))
                .node("GlobalAveragePool", "gap", in("r"), out("y"))
                .output("y");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(m, "custom"));
        String message = e.getMessage();
        assertTrue(message.contains("gap") && message.contains("rank is unknown"), message);
        assertTrue(message.contains("com.example.ShapeIndexPatch node 'patch'"), message);
        assertTrue(message.contains("value_info"), message);
    }

    @Test
    void aCustomOpWithValueInfoIsFine() throws Exception {
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 1, 3, 8, 8)
                .customNode("com.example", "ShapeIndexPatch", "patch", in("x"), out("p"))
                .node("GlobalAveragePool", "gap", in("p"), out("y"))
                .valueInfo("p", 1, 3, 4, 4)
                .output("y");
        assertEquals(Shape.of(1, 3, 1, 1), shapeOf(read(m, "custom_vi").graph(), "y"));
    }

    /** tf2onnx's pads: an initializer split in two and concatenated back in ONNX's begin/end order. */
    private static OnnxTestModels computedPads() {
        return OnnxTestModels.opset(13).input("x", 1, 2, 4, 4)
                .longInitializer("paddings", 0, 0, 1, 1, 0, 0, 2, 2)
                .longInitializer("split", 4, 4)
                .node("Split", "Split__230", in("paddings", "split"), out("begin", "end"), intAttr("axis", 0))
                .node("Concat", "Concat__235", in("begin", "end"), out("Concat__235:0"), intAttr("axis", 0))
                .node("Pad", "pad", in("x", "Concat__235:0"), out("p"))
                .constantNode("shape", OnnxTestModels.longs(1, -1))
                .node("Reshape", "flat", in("p", "shape"), out("y"))
                .output("y");
    }

    @Test
    void padsComputedFromInitializersFoldInTheViewAndTheSavedModel() throws Exception {
        OnnxModel model = read(computedPads(), "pads");
        assertEquals(Shape.of(1, 2, 7, 7), shapeOf(model.graph(), "p"));
        assertEquals(Shape.of(1, 98), shapeOf(model.graph(), "y"));
        assertTrue(model.view().computed().containsKey("Concat__235:0"));

        int folded = model.extension(QuantizationEditor.class).orElseThrow().foldConstants();
        ModelProto proto = model.proto();
        List<String> ops = proto.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("Pad", "Reshape"), ops, "Split, Concat and the Constant are gone");
        assertEquals(2, folded, "the Constant and the pads");
        assertTrue(proto.getGraph().getInitializerList().stream().anyMatch(t -> t.getName().equals("Concat__235:0")));
        assertFalse(proto.getGraph().getInitializerList().stream().anyMatch(t -> t.getName().equals("paddings")),
                "the initializers only the folded nodes read are dropped");
        Path saved = new OnnxModelFormat().write(model, dir, "pads_folded").get(0);
        OnnxModel reread = (OnnxModel) new OnnxModelFormat().read(ModelSource.of(saved));
        assertEquals(Shape.of(1, 98), shapeOf(reread.graph(), "y"));
    }

    @Test
    void computedWeightsFoldWhenNoLargerThanTheirSourcesAndBroadcastsDoNot() throws Exception {
        OnnxTestModels m = OnnxTestModels.opset(13).input("x", 1, 4)
                .initializer("w", ramp(12), 3, 4)
                .initializer("s", new float[] {2f}, 1)
                .node("Transpose", "wt", in("w"), out("w_t"))
                .node("Mul", "ws", in("w_t", "s"), out("w_scaled"))
                .node("MatMul", "mm", in("x", "w_scaled"), out("m"))
                .longInitializer("big", 64, 3)
                .node("ConstantOfShape", "zeros", in("big"), out("z"))
                .node("Add", "add", in("m", "z"), out("y"), new org.pot4j.onnx.proto.OnnxMl.AttributeProto[0])
                .output("y");
        OnnxModel model = read(m, "weights");
        model.extension(QuantizationEditor.class).orElseThrow().foldConstants();
        List<String> ops = model.proto().getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("MatMul", "ConstantOfShape", "Add"), ops);
        float[] w = model.graph().nodes().stream().filter(n -> n.isConstant()
                && n.output(0).tensorNames().contains("w_scaled")).findFirst().orElseThrow().constantValue()
                .orElseThrow().toFloatArray();
        assertEquals(4, w.length / 3);
        assertEquals(2 * ramp(12)[4], w[1], 1e-6, "w_scaled[0][1] = 2 * w[1][0]");
    }
}
