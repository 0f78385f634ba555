package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrEdge;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;
import org.pot4j.ir.xml.IrXmlElement;
import org.pot4j.testkit.GraphFingerprint;

/** The document is mutable the way quantization needs, the graph view follows, and copies are independent. */
class IrDocumentEditTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    private IrModel tiny() throws IOException {
        return format.read(ModelSource.of(TinyIr.write(dir)));
    }

    /** Puts FakeQuantize(levels) with four scalar range Consts on input {@code input} of layer {@code consumer}. */
    private static IrLayer insertFakeQuantize(IrDocument doc, IrLayer consumer, int input, float low, float high) {
        IrPort in = consumer.input(input);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("levels", "256");
        data.put("auto_broadcast", "numpy");
        IrLayer fq = IrLayer.create(doc.nextLayerId(), consumer.name() + "/fq_input_" + input, "FakeQuantize", "opset1", data);
        doc.insertLayerBefore(consumer, fq);
        fq.addInput(IrPort.of(ElementType.F32, in.shape()));
        for (int i = 0; i < 4; i++) {
            float v = i % 2 == 0 ? low : high;
            IrLayer c = IrLayer.constant(doc.nextLayerId(), fq.name() + "/range" + i, Tensor.scalar(v));
            doc.insertLayerBefore(fq, c);
            fq.addInput(IrPort.of(ElementType.F32, Shape.SCALAR));
            doc.connect(c.id(), 0, fq.id(), i + 1);
        }
        fq.addOutput(IrPort.of(ElementType.F32, in.shape()));
        IrEdge edge = doc.edgeInto(consumer.id(), input).orElseThrow();
        doc.insertOnEdge(edge, fq, 0, 0);
        return fq;
    }

    @Test
    void insertFakeQuantizeOnAnInputPortAndWriteIt() throws IOException {
        IrModel model = tiny();
        IrDocument doc = model.document();
        IrLayer conv = doc.layerNamed("conv").orElseThrow();
        Graph before = model.graph();
        IrLayer fq = insertFakeQuantize(doc, conv, 0, 0f, 2.5f);

        Graph g = model.graph();
        assertNotSame(before, g, "the view is rebuilt after an edit");
        Node fqNode = g.requireNode(fq.name());
        assertEquals(OpKinds.FAKE_QUANTIZE, fqNode.kind());
        assertEquals(PortRef.of("data"), fqNode.input(0).get());
        assertEquals(5, fqNode.inputCount());
        assertEquals(PortRef.of(fq.name()), g.requireNode("conv").input(0).get());
        assertEquals(2.5f, g.producer(fqNode, 2).get().constantValue().get().getFloat(0));
        assertEquals(256, fqNode.attributes().longValue("levels").get());

        List<Path> files = format.write(model, dir.resolve("out"), "q");
        String xml = Files.readString(files.get(0));
        assertTrue(xml.contains("type=\"FakeQuantize\""), xml);
        // FakeQuantize numbers its 5 inputs 0..4 and its output 5 (POT_SPEC §11).
        assertTrue(xml.contains("<edge from-layer=\"" + fq.id() + "\" from-port=\"5\" to-layer=\"2\" to-port=\"0\"/>"), xml);
        // Four distinct ranges? No: 0, 2.5, 0, 2.5 - two blobs, stored once each, after the 24 weight bytes.
        assertEquals(24 + 4 + 4, Files.size(files.get(1)));
        IrModel again = format.read(ModelSource.of(files.get(0)));
        List<String> diff = GraphFingerprint.of(model.graph()).differences(GraphFingerprint.of(again.graph()));
        assertTrue(diff.isEmpty(), diff.toString());
    }

    @Test
    void replaceConstantData() throws IOException {
        IrModel model = tiny();
        IrLayer w = model.document().layerNamed("w").orElseThrow();
        Tensor f16 = Tensor.fromFloats(ElementType.F16, Shape.of(3, 2, 1, 1), new float[] {6, 5, 4, 3, 2, 1});
        w.setConstant(f16);
        Node node = model.graph().requireNode("w");
        assertEquals(ElementType.F16, node.output(0).elementType());
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, node.constantValue().get().toFloatArray());
        assertEquals("f16", w.data("element_type").get());
        assertEquals("FP16", w.output(0).precision().get());

        List<Path> files = format.write(model, dir.resolve("out"), "w");
        assertEquals(12, Files.size(files.get(1)));
        Node back = format.read(ModelSource.of(files.get(0))).graph().requireNode("w");
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, back.constantValue().get().toFloatArray());
    }

    @Test
    void addACompressedWeightChain() throws IOException {
        // i8 Const -> Convert(f32) -> Multiply(scale) -> conv.in1, as weight compression stores weights (POT_SPEC §10).
        IrModel model = tiny();
        IrDocument doc = model.document();
        IrLayer conv = doc.layerNamed("conv").orElseThrow();
        IrLayer w = doc.layerNamed("w").orElseThrow();
        Shape shape = w.constShape();
        w.setConstant(Tensor.fromFloats(ElementType.I8, shape, new float[] {1, 2, 3, 4, 5, 6}));
        w.setName("w/quantized");
        IrLayer convert = IrLayer.create(doc.nextLayerId(), "w/convert", "Convert", "opset1", Map.of("destination_type", "f32"));
        doc.insertLayerBefore(conv, convert);
        convert.addInput(IrPort.of(ElementType.I8, shape));
        convert.addOutput(IrPort.of(ElementType.F32, shape));
        IrLayer scale = doc.insertLayerBefore(conv, IrLayer.constant(doc.nextLayerId(), "w/scale",
                Tensor.ofFloats(Shape.of(3, 1, 1, 1), 0.5f, 0.25f, 1f)));
        IrLayer mul = IrLayer.create(doc.nextLayerId(), "w/dequantized", "Multiply", "opset1", Map.of("auto_broadcast", "numpy"));
        doc.insertLayerBefore(conv, mul);
        mul.addInput(IrPort.of(ElementType.F32, shape));
        mul.addInput(IrPort.of(ElementType.F32, Shape.of(3, 1, 1, 1)));
        mul.addOutput(IrPort.of(ElementType.F32, shape));
        IrEdge weightEdge = doc.edgeInto(conv.id(), 1).orElseThrow();
        doc.insertOnEdge(weightEdge, convert, 0, 0);
        IrEdge convertToConv = doc.edgeInto(conv.id(), 1).orElseThrow();
        doc.insertOnEdge(convertToConv, mul, 0, 0);
        doc.connect(scale.id(), 0, mul.id(), 1);

        Graph g = model.graph();
        Node convNode = g.requireNode("conv");
        assertEquals(OpKinds.MULTIPLY, g.producer(convNode, 1).get().kind());
        Node weights = g.weights(convNode).orElseThrow();
        assertEquals("w/quantized", weights.name());
        assertEquals(ElementType.I8, weights.constantValue().get().elementType());

        List<Path> files = format.write(model, dir.resolve("out"), "c");
        Graph back = format.read(ModelSource.of(files.get(0))).graph();
        assertEquals("w/quantized", back.weights(back.requireNode("conv")).get().name());
        assertEquals(6 + 12, Files.size(files.get(1)), "6 i8 weights and 3 f32 scales");
    }

    @Test
    void copiesAreDeep() throws IOException {
        IrModel model = tiny();
        IrModel copy = model.copy();
        insertFakeQuantize(copy.document(), copy.document().layerNamed("conv").orElseThrow(), 0, -1f, 1f);
        copy.document().layerNamed("w").orElseThrow().setConstant(Tensor.ofFloats(Shape.of(3, 2, 1, 1), 0, 0, 0, 0, 0, 0));
        copy.document().layerNamed("conv").orElseThrow().setData("strides", "2,2");
        copy.document().layerNamed("data").orElseThrow().output(0).setAttribute("names", "renamed");

        Graph original = model.graph();
        assertEquals(4, original.nodes().size());
        assertEquals(PortRef.of("data"), original.requireNode("conv").input(0).get());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, original.requireNode("w").constantValue().get().toFloatArray());
        assertEquals("1,1", original.requireNode("conv").attributes().string("strides").get());
        assertEquals(List.of("data", "input:0"), original.requireNode("data").output(0).tensorNames());
        assertEquals(9, copy.graph().nodes().size());
    }

    @Test
    void modelLevelSectionsCanBeSet() throws IOException {
        IrModel model = tiny();
        model.document().putSection(new IrXmlElement("quantization_parameters", Map.of(),
                List.of(new IrXmlElement("config", Map.of(), List.of(), "{'compression': {}}", 0),
                        IrXmlElement.of("version", Map.of("value", "pot4j"))), null, 0));
        List<Path> files = format.write(model, dir.resolve("out"), "m");
        IrDocument back = format.read(ModelSource.of(files.get(0))).document();
        assertEquals(List.of("rt_info", "quantization_parameters"), back.sections().stream().map(IrXmlElement::name).toList());
        assertEquals("{'compression': {}}", back.section("quantization_parameters").get().child("config").get().text().get());
    }

    @Test
    void badEditsAreRefusedNamingTheLayer() throws IOException {
        IrDocument doc = tiny().document();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> doc.connect(0, 0, 2, 0));
        assertTrue(e.getMessage().contains("input 0 of Convolution layer 'conv' (id 2) is already fed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> doc.connect(0, 3, 3, 0));
        assertTrue(e.getMessage().contains("Parameter layer 'data' (id 0) has no output 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> doc.addLayer(IrLayer.create(1, "x", "ReLU", "opset1", null)));
        assertTrue(e.getMessage().contains("layer id 1 is taken by Const layer 'w' (id 1)"), e.getMessage());
    }

    @Test
    void removingALayerRemovesItsEdges() throws IOException {
        IrModel model = tiny();
        IrDocument doc = model.document();
        doc.removeLayer(3);
        assertEquals(2, doc.edges().size());
        assertTrue(model.graph().results().isEmpty());
    }
}
