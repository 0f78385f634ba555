package org.pot4j.onnx.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.pot4j.onnx.OnnxTestModels;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/** Rules of {@link OnnxQdqLayout} that decide which readers get a quantized tensor. */
class OnnxQdqLayoutTest {
    /**
     * x -> Q -> DQ -> MaxPool, read by a quantized Conv ({@code q_conv}, weights from a DequantizeLinear) and a Conv
     * left in float ({@code f_conv}, float weights): the quantizer carried past the MaxPool feeds only the quantized
     * one, since ONNX Runtime would quantize the float one's weights per tensor as soon as it read a DequantizeLinear.
     */
    @Test
    void aQuantizerCarriedPastMaxPoolDoesNotFeedAConvolutionWithFloatWeights() {
        GraphProto.Builder g = OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("a").output("b")
                .initializer("s", new float[] {0.02f})
                .initializer(TensorProto.newBuilder().setName("zp").setDataType(TensorProto.DataType.UINT8_VALUE)
                        .setRawData(ByteString.copyFrom(new byte[] {(byte) 128})).build())
                .initializer(TensorProto.newBuilder().setName("w_q").setDataType(TensorProto.DataType.INT8_VALUE)
                        .addDims(2).addDims(2).addDims(1).addDims(1)
                        .setRawData(ByteString.copyFrom(new byte[] {1, 2, 3, 4})).build())
                .initializer("w_s", new float[] {0.01f})
                .initializer("w_f", new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 2, 2, 1, 1)
                .node("QuantizeLinear", "q", in("x", "s", "zp"), out("xq"))
                .node("DequantizeLinear", "dq", in("xq", "s", "zp"), out("xd"))
                .node("MaxPool", "pool", in("xd"), out("p"), ints("kernel_shape", 2, 2))
                .node("DequantizeLinear", "w_dq", in("w_q", "w_s"), out("w_d"))
                .node("Conv", "q_conv", in("p", "w_d"), out("a"))
                .node("Conv", "f_conv", in("p", "w_f"), out("b"))
                .build().getGraph().toBuilder();

        OnnxQdqLayout.Report report = OnnxQdqLayout.apply(g, OnnxExternalData.NONE);

        assertEquals(1, report.carried, report.toString());
        NodeProto quantized = node(g, "q_conv");
        NodeProto floating = node(g, "f_conv");
        assertEquals("DequantizeLinear", producer(g, quantized.getInput(0)).getOpType(), quantized.toString());
        assertEquals("p", floating.getInput(0), "the float Conv reads the MaxPool's float output");
        assertTrue(g.getNodeList().stream().filter(n -> n.getOpType().equals("DequantizeLinear"))
                .noneMatch(n -> n.getOutput(0).equals(floating.getInput(0))));
    }

    private static NodeProto node(GraphProto.Builder g, String name) {
        return g.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static NodeProto producer(GraphProto.Builder g, String tensor) {
        return g.getNodeList().stream().filter(n -> n.getOutputList().contains(tensor)).findFirst().orElseThrow();
    }
}
