package org.pot4j.ir.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.quantization.FakeQuantizeSpec;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.ir.IrModel;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.testkit.TestAssets;

class IrQuantizationEditorTest {
    private static final String MODEL = "ir/landmarks-regression-retail-0009/FP32/landmarks-regression-retail-0009.xml";

    @TempDir
    Path dir;

    private static IrModel read() {
        return new IrModelFormat().read(ModelSource.of(TestAssets.require(MODEL)));
    }

    /** The first Convolution of the model. */
    private static Node firstConv(Graph g) {
        return g.nodes().stream().filter(n -> OpKinds.CONVOLUTION.equals(n.kind())).findFirst().orElseThrow();
    }

    @Test
    void activationQuantizersAreInsertedAndSurviveWriting() {
        IrModel model = read().copy();
        Node conv = firstConv(model.graph());
        PortRef source = conv.input(0).orElseThrow();
        QuantizationEditor editor = model.extension(QuantizationEditor.class).orElseThrow();
        editor.insertFakeQuantize(new FakeQuantizeSpec("q", false, source, List.of(new InputRef(conv.name(), 0)), 256,
                Tensor.scalar(0f), Tensor.scalar(10f), Tensor.scalar(0f), Tensor.scalar(10f)));
        editor.setQuantizationInfo(Map.of("config", "{'compression': {}}", "version", "pot4j test"));

        IrModel again = new IrModelFormat().read(ModelSource.of(new IrModelFormat().write(model, dir, "q").get(0)));
        Node fq = again.graph().requireNode("q");
        assertEquals(OpKinds.FAKE_QUANTIZE, fq.kind());
        assertEquals(256, fq.attributes().longValue("levels", 0));
        assertEquals(source, fq.input(0).orElseThrow());
        assertEquals(PortRef.of("q"), again.graph().requireNode(conv.name()).input(0).orElseThrow());
        assertEquals(10f, again.graph().producer(fq, 2).orElseThrow().constantValue().orElseThrow().getFloat(0));
        assertTrue(again.document().section("quantization_parameters").isPresent());
    }

    @Test
    void symmetricWeightsCompressToInt8WithoutSubtract() {
        IrModel model = read().copy();
        Node conv = firstConv(model.graph());
        Node weights = model.graph().producer(conv, 1).orElseThrow();
        Tensor w = model.graph().weights(conv).orElseThrow().constantValue().orElseThrow().convert(ElementType.F32);
        int cout = (int) w.shape().dim(0);
        float[] absMax = new float[cout];
        float[] data = w.toFloatArray();
        int per = data.length / cout;
        for (int c = 0; c < cout; c++) {
            for (int k = 0; k < per; k++) {
                absMax[c] = Math.max(absMax[c], Math.abs(data[c * per + k]));
            }
        }
        float[] low = new float[cout];
        for (int c = 0; c < cout; c++) {
            low[c] = -absMax[c];
        }
        Shape rangeShape = Shape.of(cout, 1, 1, 1);
        QuantizationEditor editor = model.extension(QuantizationEditor.class).orElseThrow();
        editor.insertFakeQuantize(new FakeQuantizeSpec("wq", true, PortRef.of(weights.name()),
                List.of(new InputRef(conv.name(), 1)), 255, Tensor.ofFloats(rangeShape, low),
                Tensor.ofFloats(rangeShape, absMax), Tensor.ofFloats(rangeShape, low), Tensor.ofFloats(rangeShape, absMax)));
        assertEquals(1, editor.compressWeights());

        Graph g = new IrModelFormat().read(ModelSource.of(new IrModelFormat().write(model, dir, "c").get(0))).graph();
        Node multiply = g.producer(g.requireNode(conv.name()), 1).orElseThrow();
        assertEquals(OpKinds.MULTIPLY, multiply.kind());
        Node convert = g.producer(multiply, 0).orElseThrow();
        assertEquals(OpKinds.CONVERT, convert.kind(), "no Subtract for symmetric weights");
        Tensor q = g.producer(convert, 0).orElseThrow().constantValue().orElseThrow();
        assertEquals(ElementType.I8, q.elementType());
        float[] scale = g.producer(multiply, 1).orElseThrow().constantValue().orElseThrow().toFloatArray();
        for (int i = 0; i < data.length; i++) {
            float restored = q.getFloat(i) * scale[i / per];
            assertEquals(data[i], restored, scale[i / per] / 2 + 1e-7, "weight " + i);
        }
        assertTrue(g.node("wq").isEmpty(), "the FakeQuantize is folded away");
    }

    @Test
    void aConsumerNotFedByTheSourceIsRefused() {
        IrModel model = read().copy();
        Node conv = firstConv(model.graph());
        QuantizationEditor editor = model.extension(QuantizationEditor.class).orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> editor.insertFakeQuantize(
                new FakeQuantizeSpec("bad", false, PortRef.of(conv.name()), List.of(new InputRef(conv.name(), 0)), 256,
                        Tensor.scalar(0f), Tensor.scalar(1f), Tensor.scalar(0f), Tensor.scalar(1f))));
        assertTrue(e.getMessage().contains("is not fed by " + conv.name() + ":0"), e.getMessage());
    }
}
