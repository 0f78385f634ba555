package org.pot4j.onnx;

import static org.pot4j.onnx.OnnxTestModels.floatAttr;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;
import static org.pot4j.onnx.OnnxTestModels.ramp;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/**
 * The seed corpus of {@link OnnxReaderFuzzTest}: small valid models covering the reader's paths (convolutions and
 * pools, external data, constant shape computations, QDQ, an opset 9 model, recurrent and index ops). {@code main}
 * writes them under {@code src/test/resources/.../OnnxReaderFuzzTestInputs/readsOrRefuses/};
 * {@code OnnxFuzzSeedsTest} keeps the committed files equal to these and checks that each one reads.
 */
public final class OnnxFuzzSeeds {
    /** The seeds' folder, relative to the module. */
    static final Path FOLDER = Path.of("src/test/resources/org/pot4j/onnx/OnnxReaderFuzzTestInputs/readsOrRefuses");
    /** The external data file the harness puts beside every model: {@link #EXTERNAL_BYTES} bytes. */
    static final String EXTERNAL_FILE = "weights.bin";
    static final int EXTERNAL_BYTES = 256;

    private OnnxFuzzSeeds() {
    }

    /** Writes every seed into {@code args[0]} (default: {@link #FOLDER}, run from the module's folder). */
    public static void main(String[] args) throws IOException {
        Path folder = args.length > 0 ? Path.of(args[0]) : FOLDER;
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> e : seeds().entrySet()) {
            Files.write(folder.resolve(e.getKey()), e.getValue());
        }
    }

    /** The content of the external data file: bytes 0..255, i.e. floats that are finite. */
    static byte[] externalBytes() {
        ByteBuffer b = ByteBuffer.allocate(EXTERNAL_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < EXTERNAL_BYTES / 4; i++) {
            b.putFloat(i * 0.125f - 2);
        }
        return b.array();
    }

    /** Every seed by file name. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> s = new LinkedHashMap<>();
        s.put("conv_pool_gemm.onnx", convPoolGemm().build().toByteArray());
        s.put("external_data.onnx", externalData().build().toByteArray());
        s.put("shape_computation.onnx", shapeComputation().build().toByteArray());
        s.put("qdq_conv.onnx", qdqConv().build().toByteArray());
        s.put("opset9_upsample_batchnorm.onnx", opset9().build().toByteArray());
        s.put("elementwise_constants.onnx", elementwise().build().toByteArray());
        s.put("transpose_conv_resize_split.onnx", convTransposeResizeSplit().build().toByteArray());
        s.put("recurrent_index_reduce.onnx", recurrentIndexReduce().build().toByteArray());
        return s;
    }

    private static OnnxTestModels convPoolGemm() {
        return OnnxTestModels.opset(13).input("x", 1, 2, 8, 8).output("y")
                .initializer("w", ramp(4 * 2 * 3 * 3), 4, 2, 3, 3).initializer("b", ramp(4), 4)
                .initializer("dw", ramp(4 * 3 * 3), 4, 1, 3, 3)
                .initializer("fc", ramp(3 * 4), 3, 4).initializer("fcb", ramp(3), 3)
                .node("Conv", "conv", in("x", "w", "b"), out("c"), ints("pads", 1, 1, 1, 1), ints("strides", 1, 1),
                        ints("kernel_shape", 3, 3), ints("dilations", 1, 1))
                .node("Relu", "relu", in("c"), out("r"))
                .node("Conv", "depthwise", in("r", "dw"), out("d"), intAttr("group", 4),
                        OnnxTestModels.AttrStrings.autoPad("SAME_UPPER"))
                .node("MaxPool", "pool", in("d"), out("p"), ints("kernel_shape", 2, 2), ints("strides", 2, 2))
                .node("AveragePool", "avg", in("p"), out("a"), ints("kernel_shape", 2, 2), ints("pads", 0, 0, 1, 1),
                        intAttr("ceil_mode", 1), intAttr("count_include_pad", 1))
                .node("GlobalAveragePool", "gap", in("a"), out("g"))
                .node("Flatten", "flat", in("g"), out("f"), intAttr("axis", 1))
                .node("Gemm", "gemm", in("f", "fc", "fcb"), out("y"), intAttr("transB", 1));
    }

    private static OnnxTestModels externalData() {
        TensorProto w = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(2).addDims(3).addDims(3)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", EXTERNAL_FILE))
                .addExternalData(entry("offset", "64"))
                .addExternalData(entry("length", "144"))
                .build();
        TensorProto b = TensorProto.newBuilder().setName("b").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(2)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", EXTERNAL_FILE))
                .addExternalData(entry("offset", "248"))
                .build();
        return OnnxTestModels.opset(13).input("x", 1, 2, 4, 4).output("y").initializer(w).initializer(b)
                .node("Conv", "conv", in("x", "w", "b"), out("y"), ints("pads", 1, 1, 1, 1));
    }

    private static OnnxTestModels shapeComputation() {
        return OnnxTestModels.opset(13).input("x", -1, 3, 4).output("y")
                .initializer(TensorProto.newBuilder().setName("zero").setDataType(TensorProto.DataType.INT64_VALUE)
                        .addInt64Data(0).build())
                .longInitializer("minus_one", -1).longInitializer("axes0", 0)
                .longInitializer("starts", 0).longInitializer("ends", 2).longInitializer("axes2", 2)
                .node("Shape", "shape", in("x"), out("s"))
                .node("Gather", "batch", in("s", "zero"), out("n"), intAttr("axis", 0))
                .node("Unsqueeze", "unsq", in("n", "axes0"), out("n1"))
                .node("Concat", "target", in("n1", "minus_one"), out("t"), intAttr("axis", 0))
                .node("Transpose", "tr", in("x"), out("xt"), ints("perm", 0, 2, 1))
                .node("Slice", "slice", in("xt", "starts", "ends", "axes2"), out("sl"))
                .node("Reshape", "reshape", in("sl", "t"), out("r"))
                .node("Softmax", "softmax", in("r"), out("y"), intAttr("axis", -1));
    }

    private static OnnxTestModels qdqConv() {
        TensorProto scale = OnnxTestModels.floats("", new float[] {0.05f});
        TensorProto wq = TensorProto.newBuilder().setName("wq").setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(2).addDims(2).addDims(1).addDims(1).setRawData(ByteString.copyFrom(new byte[] {1, -2, 3, -4}))
                .build();
        TensorProto wScale = OnnxTestModels.floats("w_scale", new float[] {0.1f, 0.2f}, 2);
        TensorProto wZero = TensorProto.newBuilder().setName("w_zero").setDataType(TensorProto.DataType.INT8_VALUE)
                .addDims(2).setRawData(ByteString.copyFrom(new byte[2])).build();
        TensorProto xZero = TensorProto.newBuilder().setName("x_zero").setDataType(TensorProto.DataType.UINT8_VALUE)
                .setRawData(ByteString.copyFrom(new byte[] {(byte) 128})).build();
        return OnnxTestModels.opset(13).input("x", 1, 2, 3, 3).output("y")
                .initializer(scale.toBuilder().setName("x_scale").build()).initializer(xZero)
                .initializer(wq).initializer(wScale).initializer(wZero)
                .node("QuantizeLinear", "xq", in("x", "x_scale", "x_zero"), out("x_q"))
                .node("DequantizeLinear", "xdq", in("x_q", "x_scale", "x_zero"), out("x_dq"))
                .node("DequantizeLinear", "wdq", in("wq", "w_scale", "w_zero"), out("w"), intAttr("axis", 0))
                .node("Conv", "conv", in("x_dq", "w"), out("c"))
                .node("Clip", "clip", in("c"), out("y"));
    }

    private static OnnxTestModels opset9() {
        AttributeProto nearest = AttributeProto.newBuilder().setName("mode").setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8("nearest")).build();
        return OnnxTestModels.opset(9).irVersion(4).input("x", 1, 2, 3, 3).output("y")
                .initializer("scale", new float[] {1, 2}, 2).initializer("bias", new float[] {0, 1}, 2)
                .initializer("mean", new float[] {0.5f, -0.5f}, 2).initializer("var", new float[] {1, 4}, 2)
                .initializer("scales", new float[] {1, 1, 2, 2}, 4)
                .node("BatchNormalization", "bn", in("x", "scale", "bias", "mean", "var"), out("n"),
                        floatAttr("epsilon", 1e-5f))
                .node("Upsample", "up", in("n", "scales"), out("u"), nearest)
                .node("Dropout", "drop", in("u"), out("d"), floatAttr("ratio", 0.5f))
                .node("Pad", "pad", in("d"), out("p"), ints("pads", 0, 0, 1, 1, 0, 0, 1, 1))
                .node("LeakyRelu", "leaky", in("p"), out("y"), floatAttr("alpha", 0.1f));
    }

    private static OnnxTestModels elementwise() {
        return OnnxTestModels.opset(13).input("x", 2, 3).output("y")
                .constantNode("k", OnnxTestModels.floats("", new float[] {1, 2, 3}, 3))
                .node("Constant", "half_node", in(), out("half"), floatAttr("value_float", 0.5f))
                .node("Add", "add", in("x", "k"), out("a"))
                .node("Mul", "mul", in("a", "half"), out("m"))
                .node("Sigmoid", "sig", in("m"), out("s"))
                .node("Max", "max", in("s", "a", "m"), out("mx"))
                .node("Div", "div", in("mx", "k"), out("dv"))
                .node("ReduceSum", "sum", in("dv"), out("y"), intAttr("keepdims", 1));
    }

    private static OnnxTestModels convTransposeResizeSplit() {
        AttributeProto linear = AttributeProto.newBuilder().setName("mode").setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8("linear")).build();
        return OnnxTestModels.opset(13).input("x", 1, 2, 3, 3).output("y").output("z")
                .initializer("w", ramp(2 * 4 * 2 * 2), 2, 4, 2, 2)
                .initializer("scales", new float[] {1, 1, 2, 2}, 4)
                .longInitializer("split", 1, 3)
                .node("ConvTranspose", "up", in("x", "w"), out("u"), ints("strides", 2, 2), ints("output_padding", 1, 1))
                .node("Resize", "resize", in("u", "", "scales"), out("r"), linear)
                .node("Split", "split", in("r", "split"), out("y", "z"), intAttr("axis", 1));
    }

    private static OnnxTestModels recurrentIndexReduce() {
        AttributeProto forward = AttributeProto.newBuilder().setName("direction")
                .setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8("forward")).build();
        return OnnxTestModels.opset(14).input("x", 2, 1, 3).output("y")
                .initializer("W", ramp(4 * 2 * 3), 1, 8, 3).initializer("R", ramp(4 * 2 * 2), 1, 8, 2)
                .longInitializer("k", 1)
                .node("LSTM", "lstm", in("x", "W", "R"), out("h", "h_last"), intAttr("hidden_size", 2), forward)
                .node("Squeeze", "sq", in("h_last"), out("hs"))
                .node("TopK", "topk", in("hs", "k"), out("top", "idx"), intAttr("axis", -1))
                .node("ReduceMax", "rmax", in("top"), out("y"), ints("axes", 0), intAttr("keepdims", 0));
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }
}
