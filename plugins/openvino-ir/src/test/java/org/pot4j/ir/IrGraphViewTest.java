package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** The neutral graph view of IR: names, kinds, attributes, ports, constants and the weights of weighted ops. */
class IrGraphViewTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    private Graph read(String relative) {
        return format.read(ModelSource.of(IrAssets.require(relative))).graph();
    }

    @Test
    void tinyIrMapsOntoTheNeutralView() throws IOException {
        Graph g = format.read(ModelSource.of(TinyIr.write(dir))).graph();
        assertEquals(List.of("data", "w", "conv", "out"), g.nodes().stream().map(Node::name).toList());
        Node conv = g.requireNode("conv");
        assertEquals(OpKinds.CONVOLUTION, conv.kind());
        assertEquals(List.of(PortRef.of("data"), PortRef.of("w")), conv.inputs());
        assertArrayEquals(new long[] {1, 1}, conv.attributes().longs("strides").get());
        assertEquals("explicit", conv.attributes().string("auto_pad").get());
        assertEquals(List.of("strides", "dilations", "pads_begin", "pads_end", "auto_pad"),
                List.copyOf(conv.attributes().names()), "data attributes keep their order");
        assertEquals(Shape.of(1, 3, 4, 4), conv.output(0).shape());
        assertEquals(List.of("conv:0"), conv.output(0).tensorNames());
        assertEquals(List.of("data", "input:0"), g.requireNode("data").output(0).tensorNames());
        assertEquals(List.of(new InputRef("out", 0)), g.consumers(PortRef.of("conv")));
        Tensor w = g.requireNode("w").constantValue().get();
        assertEquals(Shape.of(3, 2, 1, 1), w.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, w.toFloatArray());
        assertFalse(g.requireNode("w").attributes().has("offset"), "storage attributes are not part of the view");
        assertEquals(g.requireNode("w"), g.weights(conv).get());
        assertEquals(List.of("data"), g.parameters().stream().map(Node::name).toList());
        assertEquals(List.of("out"), g.results().stream().map(Node::name).toList());
    }

    @Test
    void squeezenetV11WeightsAreFoundThroughTheF16Convert() {
        Graph g = read("squeezenet1.1/v11/squeezenet1.1.xml");
        List<Node> convs = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.CONVOLUTION)).toList();
        assertEquals(26, convs.size());
        for (Node conv : convs) {
            Node w = g.weights(conv).orElseThrow(() -> new AssertionError("no weights for " + conv.name()));
            Tensor t = w.constantValue().get();
            assertEquals(ElementType.F16, t.elementType(), conv.name());
            assertEquals(OpKinds.CONVERT, g.producer(conv, 1).get().kind(), conv.name());
            assertEquals(conv.output(0).shape().dim(1), t.shape().dim(0), "output channels of " + conv.name());
        }
        Node first = g.requireNode("conv1/WithoutBiases");
        assertEquals(Shape.of(64, 3, 3, 3), g.weights(first).get().constantValue().get().shape());
        assertEquals(Shape.of(1, 3, 227, 227), g.parameters().get(0).output(0).shape());
        assertEquals(ElementType.F32, g.parameters().get(0).output(0).elementType());
    }

    @Test
    void faceDetectionInt8WeightsAreFoundThroughTheDequantizeChain() {
        Graph g = read("face-detection-adas-0001/FP16-INT8/face-detection-adas-0001.xml");
        int convs = 0;
        int groupConvsThroughReshape = 0;
        for (Node op : g.nodes()) {
            boolean conv = op.kind().equals(OpKinds.CONVOLUTION);
            boolean group = op.kind().equals(OpKinds.GROUP_CONVOLUTION);
            if (!conv && !group) {
                continue;
            }
            Node w = g.weights(op).orElseThrow(() -> new AssertionError("no weights for " + op.kind() + " " + op.name()));
            assertEquals(ElementType.I8, w.constantValue().get().elementType(), op.name());
            if (conv) {
                convs++;
                assertEquals(OpKinds.MULTIPLY, g.producer(op, 1).get().kind(), op.name());
            } else if (g.producer(op, 1).get().kind().equals(OpKinds.RESHAPE)) {
                groupConvsThroughReshape++;
                assertEquals(5, g.producer(op, 1).get().output(0).shape().rank(), "5-D grouped weights of " + op.name());
            }
        }
        assertEquals(49, convs);
        assertEquals(17, groupConvsThroughReshape);
        long fq = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.FAKE_QUANTIZE)).count();
        assertEquals(53, fq);
        Node aFq = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.FAKE_QUANTIZE)).findFirst().get();
        assertEquals(5, aFq.inputCount());
        assertEquals(256, aFq.attributes().longValue("levels").get());
    }

    @Test
    void groupConvolutionWeightsOfTheFp16ModelAre5dF16Constants() {
        Graph g = read("face-detection-adas-0001/FP16/face-detection-adas-0001.xml");
        List<Node> groups = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.GROUP_CONVOLUTION)).toList();
        assertEquals(17, groups.size());
        for (Node op : groups) {
            // Unlike the INT8 model (i8 -> Convert -> Subtract -> Multiply -> Reshape), the FP16 one stores 5-D weights.
            assertEquals(OpKinds.CONVERT, g.producer(op, 1).get().kind(), op.name());
            Optional<Node> w = g.weights(op);
            assertTrue(w.isPresent(), "weights of " + op.name());
            assertEquals(ElementType.F16, w.get().constantValue().get().elementType());
            assertEquals(5, w.get().constantValue().get().shape().rank(), op.name());
        }
    }

    @Test
    void matMulWeightsAreFoundInTheInt8HeadPoseModel() {
        Graph g = read("head-pose-estimation-adas-0001/FP16-INT8/head-pose-estimation-adas-0001.xml");
        List<Node> matMuls = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.MAT_MUL)).toList();
        assertEquals(3, matMuls.size());
        for (Node m : matMuls) {
            Node w = g.weights(m).orElseThrow(() -> new AssertionError("no weights for " + m.name()));
            assertTrue(w.constantValue().isPresent(), m.name());
        }
    }

    @Test
    void theViewIsCachedUntilTheDocumentChanges() throws IOException {
        IrModel model = format.read(ModelSource.of(TinyIr.write(dir)));
        Graph g = model.graph();
        assertTrue(g == model.graph(), "same view while nothing changed");
        model.document().layerNamed("conv").orElseThrow().setData("strides", "2,2");
        assertFalse(g == model.graph(), "rebuilt after an edit");
        assertEquals("2,2", model.graph().requireNode("conv").attributes().string("strides").get());
    }

    @Test
    void v10ModelReadsWithConstOutputsNumberedFromOne() {
        Graph g = read("squeezenet1.1/v10/squeezenet1.1.xml");
        Node conv = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.CONVOLUTION)).findFirst().get();
        Node w = g.weights(conv).get();
        assertEquals(PortRef.of(w.name()), conv.input(1).get(), "the v10 Const port id 1 is output index 0");
        assertEquals(ElementType.F16, w.constantValue().get().elementType());
    }

    @Test
    void everyRealIrGivesAConsistentView() {
        IrAssets.require("");
        for (Path xml : IrAssets.allIrs()) {
            Graph g = format.read(ModelSource.of(xml)).graph();
            assertFalse(g.parameters().isEmpty(), xml.toString());
            assertFalse(g.results().isEmpty(), xml.toString());
            for (Node n : g.nodes()) {
                if (n.isConstant()) {
                    Tensor t = n.constantValue().orElseThrow(() -> new AssertionError(xml + " " + n.name()));
                    assertEquals(n.output(0).shape(), t.shape(), xml + " " + n.name());
                    assertEquals(n.output(0).elementType(), t.elementType(), xml + " " + n.name());
                }
            }
        }
    }

    @Test
    void duplicateLayerNamesGetTheIdAppended() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("name=\"out\"", "name=\"conv\""), TinyIr.weights());
        Graph g = format.read(ModelSource.of(xml)).graph();
        assertEquals(OpKinds.CONVOLUTION, g.requireNode("conv").kind());
        assertEquals(OpKinds.RESULT, g.requireNode("conv#3").kind());
        assertEquals(PortRef.of("conv"), g.requireNode("conv#3").input(0).get());
    }

    @Test
    void dynamicDimensionsAreDynamic() throws IOException {
        String xml = TinyIr.XML.replace("<data shape=\"1,2,4,4\" element_type=\"f32\"/>",
                        "<data shape=\"?,2,4,4\" element_type=\"f32\"/>")
                .replaceFirst("<dim>1</dim><dim>2</dim><dim>4</dim><dim>4</dim>", "<dim>-1</dim><dim>2</dim><dim>?</dim><dim>1..8</dim>");
        Graph g = format.read(ModelSource.of(TinyIr.write(dir, xml, TinyIr.weights()))).graph();
        assertEquals(Shape.of(Shape.DYNAMIC, 2, Shape.DYNAMIC, Shape.DYNAMIC), g.requireNode("data").output(0).shape());
    }
}
