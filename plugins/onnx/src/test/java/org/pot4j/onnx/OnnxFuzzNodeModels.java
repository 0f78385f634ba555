package org.pot4j.onnx;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.TensorShapeProto;
import org.pot4j.onnx.proto.OnnxMl.TypeProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;
import org.pot4j.onnx.view.OnnxOpSchemas;

/**
 * Builds one-node models from fuzzer data for {@link OnnxReaderFuzzTest}: an op pot4j maps, at an opset 7..21, with
 * inputs that are graph inputs of random rank and sizes (some dynamic), small initializers of several types or
 * absent, and attributes mostly of the names and types its schema has, with small values, sometimes negative or
 * zero. Byte-level mutation seldom gets past protobuf's structure; this reaches the mappers' shape rules.
 */
final class OnnxFuzzNodeModels {
    private static final List<String> OPS = new ArrayList<>(new java.util.TreeSet<>(OnnxOpSchemas.standard().opTypes()));
    private static final String[] STRINGS = {"NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID", "nearest", "linear",
        "cubic", "bilinear", "forward", "reverse", "bidirectional", "LEFT", "RIGHT", "half_pixel", "asymmetric",
        "align_corners", "tf_crop_and_resize", "round_prefer_floor", "floor", "tanh", "none", "DCR", "CRD", "constant",
        "reflect", "edge", "mean", "sum", "add", "mul", "max", "min", "ij,jk->ik", "i,i", "ii->i", "", "?"};
    private static final int[] TYPES = {TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.INT64_VALUE,
        TensorProto.DataType.INT32_VALUE, TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.INT8_VALUE,
        TensorProto.DataType.BOOL_VALUE, TensorProto.DataType.FLOAT16_VALUE, TensorProto.DataType.DOUBLE_VALUE};

    private OnnxFuzzNodeModels() {
    }

    /** A model of one node built from {@code data}. */
    static ModelProto model(FuzzedDataProvider data) {
        long opset = data.consumeInt(7, 21);
        String op = OPS.get(data.consumeInt(0, OPS.size() - 1));
        OnnxOpSchemas.Schema schema = OnnxOpSchemas.standard().schema(op, opset)
                .orElseGet(() -> OnnxOpSchemas.standard().schema(op, 21).orElseThrow());
        GraphProto.Builder g = GraphProto.newBuilder().setName("fuzz");
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName("node");
        int inputs = data.consumeInt(Math.max(0, schema.minInputs() - 1), Math.min(schema.maxInputs(), 6));
        for (int i = 0; i < inputs; i++) {
            String name = "in" + i;
            switch (data.consumeInt(0, 5)) {
                case 0:
                    node.addInput("");
                    continue;
                case 1: case 2:
                    g.addInitializer(tensor(data, name));
                    break;
                default:
                    g.addInput(valueInfo(name, data));
                    break;
            }
            node.addInput(name);
        }
        for (Map.Entry<String, AttributeType> a : schema.attributes().entrySet()) {
            if (schema.required().contains(a.getKey()) || data.consumeInt(0, 2) == 0) {
                node.addAttribute(attribute(data, a.getKey(), a.getValue()));
            }
        }
        if (data.consumeInt(0, 15) == 0) {
            node.addAttribute(attribute(data, "extra", AttributeType.INT));
        }
        int outputs = data.consumeInt(Math.max(1, schema.minOutputs()), Math.min(schema.maxOutputs(), 4));
        for (int i = 0; i < outputs; i++) {
            String name = data.consumeInt(0, 7) == 0 && i > 0 ? "" : "out" + i;
            node.addOutput(name);
            if (!name.isEmpty()) {
                g.addOutput(ValueInfoProto.newBuilder().setName(name));
            }
        }
        g.addNode(node);
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("fuzz")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).setGraph(g).build();
    }

    private static ValueInfoProto valueInfo(String name, FuzzedDataProvider data) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        int rank = data.consumeInt(0, 5);
        for (int d = 0; d < rank; d++) {
            int v = data.consumeInt(-1, 9);
            s.addDim(v < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("n")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(v));
        }
        int type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
    }

    /** A small tensor (at most 64 elements) of a random type and shape, values from the data. */
    private static TensorProto tensor(FuzzedDataProvider data, String name) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name);
        int type = TYPES[data.consumeInt(0, TYPES.length - 1)];
        t.setDataType(type);
        int rank = data.consumeInt(0, 4);
        long count = 1;
        for (int d = 0; d < rank; d++) {
            int v = data.consumeInt(0, count > 16 ? 1 : 4);
            t.addDims(v);
            count *= v;
        }
        int size = type == TensorProto.DataType.INT64_VALUE || type == TensorProto.DataType.DOUBLE_VALUE ? 8
                : type == TensorProto.DataType.FLOAT_VALUE || type == TensorProto.DataType.INT32_VALUE ? 4
                : type == TensorProto.DataType.FLOAT16_VALUE ? 2 : 1;
        ByteBuffer raw = ByteBuffer.allocate((int) count * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            int v = data.consumeInt(-2, 5); // small: plausible sizes, axes and indices, and a few bad ones
            switch (size) {
                case 8:
                    if (type == TensorProto.DataType.DOUBLE_VALUE) {
                        raw.putDouble(v);
                    } else {
                        raw.putLong(v);
                    }
                    break;
                case 4:
                    if (type == TensorProto.DataType.FLOAT_VALUE) {
                        raw.putFloat(v);
                    } else {
                        raw.putInt(v);
                    }
                    break;
                case 2: raw.putShort((short) (v == 0 ? 0 : 0x3C00 + v)); break;
                default: raw.put((byte) (type == TensorProto.DataType.BOOL_VALUE ? v & 1 : v)); break;
            }
        }
        raw.flip();
        return t.setRawData(ByteString.copyFrom(raw)).build();
    }

    private static AttributeProto attribute(FuzzedDataProvider data, String name, AttributeType type) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(type);
        switch (type) {
            case INT: a.setI(data.consumeLong(-2, 9)); break;
            case FLOAT: a.setF(data.consumeInt(-4, 4) * 0.5f); break;
            case STRING: a.setS(ByteString.copyFromUtf8(STRINGS[data.consumeInt(0, STRINGS.length - 1)])); break;
            case INTS:
                for (int i = data.consumeInt(0, 6); i > 0; i--) {
                    a.addInts(data.consumeLong(-2, 9));
                }
                break;
            case FLOATS:
                for (int i = data.consumeInt(0, 6); i > 0; i--) {
                    a.addFloats(data.consumeInt(-4, 8) * 0.5f);
                }
                break;
            case STRINGS:
                for (int i = data.consumeInt(0, 3); i > 0; i--) {
                    a.addStrings(ByteString.copyFromUtf8(STRINGS[data.consumeInt(0, STRINGS.length - 1)]));
                }
                break;
            case TENSOR: a.setT(tensor(data, "")); break;
            default: a.setType(AttributeType.INT).setI(0); break;
        }
        return a.build();
    }
}
