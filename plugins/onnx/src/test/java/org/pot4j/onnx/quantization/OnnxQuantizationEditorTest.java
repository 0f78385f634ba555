package org.pot4j.onnx.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestAssets;

class OnnxQuantizationEditorTest {
    @TempDir
    Path dir;

    private static OnnxModel onet() {
        return (OnnxModel) new OnnxModelFormat().read(ModelSource.of(TestAssets.require("onnx/mtcnn/onet.onnx")));
    }

    private static Node firstConv(Graph g) {
        return g.nodes().stream().filter(n -> OpKinds.CONVOLUTION.equals(n.kind())).findFirst().orElseThrow();
    }

    @Test
    void activationsBecomeUint8QuantizeDequantizePairs() {
        OnnxModel model = onet().copy();
        Node conv = firstConv(model.graph());
        PortRef source = conv.input(0).orElseThrow();
        QuantizationEditor editor = model.extension(QuantizationEditor.class).orElseThrow();
        editor.insertFakeQuantize(new FakeQuantizeSpec("in_q", false, source, List.of(new InputRef(conv.name(), 0)), 256,
                Tensor.scalar(-0.3f), Tensor.scalar(2.25f), Tensor.scalar(-0.3f), Tensor.scalar(2.25f)));
        editor.setQuantizationInfo(Map.of("preset", "performance"));
        OnnxModel again = (OnnxModel) new OnnxModelFormat().read(ModelSource.of(
                new OnnxModelFormat().write(model, dir, "q").get(0)));
        Graph g = again.graph();
        Node dq = g.producer(g.requireNode(conv.name()), 0).orElseThrow();
        assertEquals(OpKinds.DEQUANTIZE_LINEAR, dq.kind());
        Node q = g.producer(dq, 0).orElseThrow();
        assertEquals(OpKinds.QUANTIZE_LINEAR, q.kind());
        Tensor zp = g.producer(q, 2).orElseThrow().constantValue().orElseThrow();
        assertEquals(ElementType.U8, zp.elementType(), "an asymmetric range is uint8");
        assertEquals(30, zp.getLong(0));
        assertEquals(0.01f, g.producer(q, 1).orElseThrow().constantValue().orElseThrow().getFloat(0), 1e-8);
        assertTrue(again.proto().getMetadataPropsList().stream()
                .anyMatch(p -> p.getKey().equals("quantization_parameters.preset") && p.getValue().equals("performance")));
    }

    @Test
    void signedSymmetricActivationsAreInt8WithZeroPointZero() {
        // POT's signed range [-m * 256/254, m] with m = 1: scale m/127, zero on level 0 of -128..127
        QdqParameters p = QdqParameters.of(new FakeQuantizeSpec("s", false, PortRef.of("x"),
                List.of(new InputRef("y", 0)), 256, Tensor.scalar(-256f / 254), Tensor.scalar(1f),
                Tensor.scalar(-256f / 254), Tensor.scalar(1f)));
        assertEquals(ElementType.I8, p.zeroPoint().elementType());
        assertEquals(0, p.zeroPoint().getLong(0));
        assertEquals(1f / 127, p.scaleIn().getFloat(0), 1e-8);
        assertEquals(-1, p.axis());
    }

    @Test
    void symmetricWeightsCompressToInt8FeedingDequantizeLinear() {
        OnnxModel model = onet().copy();
        Node conv = firstConv(model.graph());
        Node weights = model.graph().producer(conv, 1).orElseThrow();
        Tensor w = weights.constantValue().orElseThrow();
        int cout = (int) w.shape().dim(0);
        float[] data = w.toFloatArray();
        int per = data.length / cout;
        float[] hi = new float[cout];
        float[] lo = new float[cout];
        for (int c = 0; c < cout; c++) {
            for (int k = 0; k < per; k++) {
                hi[c] = Math.max(hi[c], Math.abs(data[c * per + k]));
            }
            lo[c] = -hi[c];
        }
        Shape rs = Shape.of(cout, 1, 1, 1);
        QuantizationEditor editor = model.extension(QuantizationEditor.class).orElseThrow();
        editor.insertFakeQuantize(new FakeQuantizeSpec("w_q", true, PortRef.of(weights.name()),
                List.of(new InputRef(conv.name(), 1)), 255, Tensor.ofFloats(rs, lo), Tensor.ofFloats(rs, hi),
                Tensor.ofFloats(rs, lo), Tensor.ofFloats(rs, hi)));
        assertEquals(1, editor.compressWeights());
        Graph g = model.graph();
        Node dq = g.producer(g.requireNode(conv.name()), 1).orElseThrow();
        assertEquals(OpKinds.DEQUANTIZE_LINEAR, dq.kind());
        Tensor q = g.producer(dq, 0).orElseThrow().constantValue().orElseThrow();
        assertEquals(ElementType.I8, q.elementType());
        float[] scale = g.producer(dq, 1).orElseThrow().constantValue().orElseThrow().toFloatArray();
        assertEquals(cout, scale.length);
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i], q.getFloat(i) * scale[i / per], scale[i / per] / 2 + 1e-7, "weight " + i);
        }
        assertTrue(g.nodes().stream().noneMatch(n -> OpKinds.QUANTIZE_LINEAR.equals(n.kind())), "weights need no Quantize");
    }
}
