package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pot4j.onnx.OnnxTestModels.floatAttr;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.out;
import static org.pot4j.onnx.OnnxTestModels.ramp;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;

/**
 * How the view spells the ops added for real models (issue 13): OpenVINO names with ONNX's parameters carried,
 * ONNX names where OpenVINO has no such op, and the shapes it infers for their outputs.
 */
class OnnxOpCoverageViewTest {
    @TempDir
    Path dir;

    private Graph view(OnnxTestModels m) throws IOException {
        return new OnnxModelFormat().read(ModelSource.of(m.write(dir.resolve("m.onnx")))).graph();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    @Test
    void hardSigmoidKeepsOnnxParametersAsScalarInputs() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 2, 3).output("y").output("z")
                .node("HardSigmoid", "hs", in("x"), out("y"))
                .node("HardSigmoid", "hs2", in("x"), out("z"), floatAttr("alpha", 0.5f)));
        Node hs = g.requireNode("hs");
        assertEquals("HardSigmoid", hs.kind(), "not HSigmoid, whose alpha is fixed at 1/6");
        assertEquals(0.2f, g.producer(hs, 1).orElseThrow().constantValue().orElseThrow().getFloat(0), 1e-7);
        assertEquals(0.5f, g.producer(hs, 2).orElseThrow().constantValue().orElseThrow().getFloat(0), 1e-7);
        Node hs2 = g.requireNode("hs2");
        assertEquals(0.5f, g.producer(hs2, 1).orElseThrow().constantValue().orElseThrow().getFloat(0), 1e-7);
    }

    @Test
    void preluSlopeShorterThanXIsShownAtXsRank() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("x", 1, 4, 2, 4).output("y")
                .initializer("s", new float[] {1, 2, 3, 4}, 4).node("PRelu", "p", in("x", "s"), out("y")));
        Node p = g.requireNode("p");
        assertEquals(Shape.of(1, 1, 1, 4), g.producer(p, 1).orElseThrow().output(0).shape(),
                "numpy aligns [4] with the last axis; a 1-D slope would be per channel in OpenVINO's PReLU");
    }

    @Test
    void modByFmodComparisonsAndWhere() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("a", 2, 3).input("b", 3).output("m").output("f").output("w")
                .node("Mod", "m", in("a", "b"), out("m"))
                .node("Mod", "f", in("a", "b"), out("f"), intAttr("fmod", 1))
                .node("Less", "lt", in("a", "b"), out("c"))
                .node("Where", "w", in("c", "a", "b"), out("w")));
        assertEquals("FloorMod", g.requireNode("m").kind());
        assertEquals("Mod", g.requireNode("f").kind());
        assertEquals(ElementType.BOOLEAN, g.requireNode("lt").output(0).elementType());
        Node w = g.requireNode("w");
        assertEquals("Select", w.kind());
        assertEquals(Shape.of(2, 3), w.output(0).shape());
    }

    @Test
    void sumOfThreeInputsIsAChainOfAdds() throws IOException {
        Graph g = view(OnnxTestModels.opset(13).input("a", 3).input("b", 3).input("c", 1).output("s")
                .node("Sum", "s", in("a", "b", "c"), out("s")));
        assertEquals(OpKinds.ADD, g.requireNode("s/partial_1").kind());
        Node s = g.requireNode("s");
        assertEquals(OpKinds.ADD, s.kind());
        assertEquals("s/partial_1", s.input(0).get().node());
        assertEquals(java.util.List.of("s"), s.output(0).tensorNames());
    }

    @Test
    void recurrentEinsumTopKAndLayerNormalizationShapes() throws IOException {
        Graph g = view(OnnxTestModels.opset(17).input("x", 5, 2, 3).output("y").output("yh").output("e")
                .output("v").output("i").output("ln").output("mean")
                .initializer("w", ramp(2 * 16 * 3), 2, 16, 3).initializer("r", ramp(2 * 16 * 4), 2, 16, 4)
                .initializer("m", ramp(3 * 7), 3, 7).longInitializer("k", 2).initializer("scale", ramp(3), 3)
                .node("LSTM", "lstm", in("x", "w", "r"), out("y", "yh"), intAttr("hidden_size", 4),
                        string("direction", "bidirectional"))
                .node("Einsum", "e", in("x", "m"), out("e"), string("equation", "sbi, ij -> sbj"))
                .node("TopK", "t", in("x", "k"), out("v", "i"))
                .node("LayerNormalization", "ln", in("x", "scale"), out("ln", "mean"), intAttr("axis", -1)));
        Node lstm = g.requireNode("lstm");
        assertEquals("LSTM", lstm.kind());
        assertEquals(Shape.of(5, 2, 2, 4), lstm.output(0).shape());
        assertEquals(Shape.of(2, 2, 4), lstm.output(1).shape());
        Node e = g.requireNode("e");
        assertEquals("sbi,ij->sbj", e.attributes().string("equation").get());
        assertEquals(Shape.of(5, 2, 7), e.output(0).shape());
        Node t = g.requireNode("t");
        assertEquals("max", t.attributes().string("mode").get());
        assertEquals(Shape.of(5, 2, 2), t.output(0).shape());
        assertEquals(ElementType.I64, t.output(1).elementType());
        Node ln = g.requireNode("ln");
        assertEquals(Shape.of(5, 2, 1), ln.output(1).shape());
        assertArrayEquals(new long[] {5, 2, 3}, ln.output(0).shape().dims());
    }
}
