package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/** What OnnxSymbolicBatch changes, and what it leaves alone (ONNX Runtime running the result: OrtEngineTest). */
class OnnxSymbolicBatchTest {
    @Test
    void batchBecomesSymbolicOnRealInputsAndReshapeTargetsKeepTheInputBatch() {
        OnnxModel model = new OnnxModel("m", Path.of("m.onnx"), OnnxTestModels.opset(13)
                .input("x", 1, 4, 2)
                // an old exporter lists its weights as graph inputs too: those keep their first dimension
                .input("w", 1, 4, 2)
                .initializer("w", new float[8], 1, 4, 2)
                .longInitializer("flat", 1, -1)
                .longInitializer("big", 2, -1)
                .node("Mul", "mul", in("x", "w"), out("y"))
                .node("Reshape", "r1", in("y", "flat"), out("z"))
                .node("Constant", "c", in(), out("pairs"), OnnxTestModels.tensorAttr("value",
                        OnnxTensors.encode("pairs", Tensor.ofLongs(Shape.of(3), 1, -1, 2))))
                .node("Reshape", "r2", in("y", "pairs"), out("p"))
                .node("Reshape", "r3", in("y", "big"), out("q"))
                .valueInfo("y", 1, 4, 2)
                .output("z").output("p").output("q")
                .build(), OnnxExternalData.NONE);
        OnnxModel any = OnnxSymbolicBatch.of(model);
        GraphProto g = any.proto().getGraph();
        assertEquals(OnnxSymbolicBatch.BATCH, dim0(g.getInput(0)));
        assertEquals("1", dim0(g.getInput(1)));
        assertEquals(0, g.getValueInfoCount(), "recorded intermediate shapes are dropped");
        assertArrayEquals(new long[] {0, -1}, OnnxTensors.decode(g.getInitializer(1), t -> null).toLongArray());
        assertArrayEquals(new long[] {2, -1}, OnnxTensors.decode(g.getInitializer(2), t -> null).toLongArray(),
                "a target that does not start with 1 is left alone");
        assertArrayEquals(new long[] {0, -1, 2},
                OnnxTensors.decode(g.getNode(2).getAttribute(0).getT(), t -> null).toLongArray());
        assertEquals(1, model.proto().getGraph().getValueInfoCount(), "the original model is unchanged");
    }

    @Test
    void anOutputWithoutATypeKeepsNone() {
        OnnxModel model = new OnnxModel("m", Path.of("m.onnx"), OnnxTestModels.opset(13).input("x", 1, 4)
                .node("Relu", "relu", in("x"), out("y")).build(), OnnxExternalData.NONE);
        model.setProto(model.proto().toBuilder().setGraph(model.proto().getGraph().toBuilder()
                .addOutput(ValueInfoProto.newBuilder().setName("y"))).build());
        ValueInfoProto y = OnnxSymbolicBatch.of(model).proto().getGraph().getOutput(0);
        assertEquals(false, y.hasType(), "ONNX Runtime refuses an output of element type 0: " + y);
    }

    private static String dim0(ValueInfoProto v) {
        var d = v.getType().getTensorType().getShape().getDim(0);
        return d.hasDimParam() ? d.getDimParam() : String.valueOf(d.getDimValue());
    }
}
