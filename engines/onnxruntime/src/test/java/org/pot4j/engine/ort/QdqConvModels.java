package org.pot4j.engine.ort;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.TensorShapeProto;
import org.pot4j.onnx.proto.OnnxMl.TypeProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;

/**
 * One QDQ Conv unit, 1x4x8x8 -> 1x4x8x8 (3x3, pad 1), written as ORT_QDQ_FUSION.md §6 asks (uint8 activations per
 * tensor, int8 per-channel weights on axis 0 with zero point 0, int32 bias with scale x_scale * w_scale, a
 * QuantizeLinear on the output), or with one rule broken.
 */
final class QdqConvModels {
    static final int C = 4;
    private static final float X_SCALE = 0.02f;
    private static final float Y_SCALE = 0.05f;

    /** What to break. */
    enum Variant { FUSES, NO_OUTPUT_QUANTIZE, PER_CHANNEL_ACTIVATION }

    private QdqConvModels() {
    }

    static Path write(Path file, Variant v) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("qdq_conv");
        g.addInput(valueInfo("x", 1, C, 8, 8));
        float[] wScale = new float[C];
        float[] bScale = new float[C];
        byte[] w = new byte[C * C * 9];
        int[] bias = new int[C];
        for (int c = 0; c < C; c++) {
            wScale[c] = 0.01f * (c + 1);
            bScale[c] = X_SCALE * wScale[c];
            bias[c] = 10 * c - 15;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) ((i * 37) % 255 - 127);
        }
        boolean perChannel = v == Variant.PER_CHANNEL_ACTIVATION;
        if (perChannel) {
            g.addInitializer(floats("x_scale", new float[] {0.02f, 0.03f, 0.02f, 0.03f}, C));
            g.addInitializer(bytes("x_zp", TensorProto.DataType.UINT8_VALUE, new byte[] {(byte) 128, (byte) 128,
                (byte) 128, (byte) 128}, C));
        } else {
            g.addInitializer(floats("x_scale", new float[] {X_SCALE}));
            g.addInitializer(bytes("x_zp", TensorProto.DataType.UINT8_VALUE, new byte[] {(byte) 128}));
        }
        g.addInitializer(floats("w_scale", wScale, C));
        g.addInitializer(bytes("w_zp", TensorProto.DataType.INT8_VALUE, new byte[C], C));
        g.addInitializer(bytes("w", TensorProto.DataType.INT8_VALUE, w, C, C, 3, 3));
        g.addInitializer(floats("b_scale", bScale, C));
        g.addInitializer(int32s("b_zp", new int[C], C));
        g.addInitializer(int32s("b", bias, C));
        g.addInitializer(floats("y_scale", new float[] {Y_SCALE}));
        g.addInitializer(bytes("y_zp", TensorProto.DataType.UINT8_VALUE, new byte[] {(byte) 128}));
        AttributeProto axis1 = intAttr("axis", 1);
        AttributeProto axis0 = intAttr("axis", 0);
        g.addNode(node("QuantizeLinear", "x_q", new String[] {"x", "x_scale", "x_zp"}, "xq", perChannel ? axis1 : null));
        g.addNode(node("DequantizeLinear", "x_dq", new String[] {"xq", "x_scale", "x_zp"}, "xd", perChannel ? axis1 : null));
        g.addNode(node("DequantizeLinear", "w_dq", new String[] {"w", "w_scale", "w_zp"}, "wd", axis0));
        g.addNode(node("DequantizeLinear", "b_dq", new String[] {"b", "b_scale", "b_zp"}, "bd", axis0));
        NodeProto.Builder conv = NodeProto.newBuilder().setOpType("Conv").setName("conv").addInput("xd").addInput("wd")
                .addInput("bd").addOutput("y").addAttribute(ints("kernel_shape", 3, 3)).addAttribute(ints("pads", 1, 1, 1, 1));
        g.addNode(conv);
        if (v == Variant.NO_OUTPUT_QUANTIZE) {
            g.addNode(node("Sigmoid", "sig", new String[] {"y"}, "out", null));
        } else {
            g.addNode(node("QuantizeLinear", "y_q", new String[] {"y", "y_scale", "y_zp"}, "yq", null));
            g.addNode(node("DequantizeLinear", "y_dq", new String[] {"yq", "y_scale", "y_zp"}, "out", null));
        }
        g.addOutput(valueInfo("out", 1, C, 8, 8));
        ModelProto m = ModelProto.newBuilder().setIrVersion(7).setProducerName("pot4j-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        Files.write(file, m.toByteArray());
        return file;
    }

    private static NodeProto node(String op, String name, String[] inputs, String output, AttributeProto attribute) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        if (attribute != null) {
            n.addAttribute(attribute);
        }
        return n.build();
    }

    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    private static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return tensor(name, TensorProto.DataType.FLOAT_VALUE, b.array(), dims);
    }

    private static TensorProto int32s(String name, int[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return tensor(name, TensorProto.DataType.INT32_VALUE, b.array(), dims);
    }

    private static TensorProto bytes(String name, int type, byte[] values, long... dims) {
        return tensor(name, type, values, dims);
    }

    private static TensorProto tensor(String name, int type, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
