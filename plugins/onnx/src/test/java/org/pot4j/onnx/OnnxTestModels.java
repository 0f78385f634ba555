package org.pot4j.onnx;

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
 * Builds small ONNX models for tests with the generated protobuf classes; shared with other modules' tests through
 * this module's test-jar.
 */
public final class OnnxTestModels {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private long irVersion = 7;
    private long opset = 13;

    public static OnnxTestModels opset(long opset) {
        OnnxTestModels m = new OnnxTestModels();
        m.opset = opset;
        return m;
    }

    public OnnxTestModels irVersion(long v) {
        irVersion = v;
        return this;
    }

    /** A float input; a negative dimension is written as the symbolic dim_param {@code "batch"}. */
    public OnnxTestModels input(String name, long... dims) {
        graph.addInput(valueInfo0(name, dims));
        return this;
    }

    public OnnxTestModels output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE))));
        return this;
    }

    public OnnxTestModels initializer(String name, float[] values, long... dims) {
        graph.addInitializer(floats(name, values, dims));
        return this;
    }

    public OnnxTestModels longInitializer(String name, long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return this;
    }

    public OnnxTestModels initializer(TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    public OnnxTestModels node(String op, String name, String[] inputs, String[] outputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name);
        for (String in : inputs) {
            n.addInput(in);
        }
        for (String out : outputs) {
            n.addOutput(out);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    /** A node of another domain (a custom op). */
    public OnnxTestModels customNode(String domain, String op, String name, String[] inputs, String[] outputs) {
        node(op, name, inputs, outputs);
        graph.setNode(graph.getNodeCount() - 1, graph.getNode(graph.getNodeCount() - 1).toBuilder().setDomain(domain));
        return this;
    }

    /** A {@code Constant} node holding {@code value} as its output {@code name}. */
    public OnnxTestModels constantNode(String name, TensorProto value) {
        return node("Constant", name + "_node", in(), out(name), tensorAttr("value", value.toBuilder().setName("").build()));
    }

    public OnnxTestModels valueInfo(String name, long... dims) {
        graph.addValueInfo(valueInfo0(name, dims));
        return this;
    }

    public ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("pot4j-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    public Path write(Path file) throws IOException {
        Files.write(file, build().toByteArray());
        return file;
    }

    public static String[] in(String... names) {
        return names;
    }

    public static String[] out(String... names) {
        return names;
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto tensorAttr(String name, TensorProto t) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }

    public static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        b.flip();
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(b));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** An int64 vector tensor (unnamed). */
    public static TensorProto longs(long... values) {
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    public static float[] ramp(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = i * 0.25f - 1;
        }
        return f;
    }

    private static ValueInfoProto valueInfo0(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    /** String attributes. */
    public static final class AttrStrings {
        private AttrStrings() {
        }

        public static AttributeProto autoPad(String value) {
            return AttributeProto.newBuilder().setName("auto_pad").setType(AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8(value)).build();
        }
    }
}
