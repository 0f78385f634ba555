package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.cli.bench.CpuFeatures;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.TensorShapeProto;
import org.pot4j.onnx.proto.OnnxMl.TypeProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;

/** {@code benchmark --baseline} on a tiny INT8 (QDQ) Conv and its FP32 original, both exported at batch 1. */
class BenchmarkBaselineTest {
    private static final int C = 4;

    @TempDir
    Path dir;

    @Test
    void int8AgainstFp32AtTwoBatchesWithTheKernelReport() throws Exception {
        Path int8 = write(dir.resolve("int8.onnx"), true);
        Path fp32 = write(dir.resolve("fp32.onnx"), false);
        CliRun r = CliRun.of("benchmark", "-m", int8.toString(), "--baseline", fp32.toString(), "--engine", "onnxruntime",
                "--batch", "1,2", "--iterations", "3", "--warmup", "1");
        assertEquals(0, r.exitCode(), r.toString());
        String out = r.out();
        assertTrue(out.startsWith("CPU features"), out);
        assertTrue(out.contains("\nModel: int8 (x f32[1,4,8,8])") && out.contains("\nBaseline: fp32 (x f32[1,4,8,8])"), out);
        for (int batch : new int[] {1, 2}) {
            for (String which : List.of("model", "baseline")) {
                assertTrue(out.matches("(?s).*\nonnxruntime +" + batch + " " + which
                        + " +\\d+\\.\\d\\d +\\d+\\.\\d\\d-\\d+\\.\\d\\d +\\d+\\.\\d\\d +\\d+\\.\\d\n.*"), which + " " + batch + "\n" + out);
            }
            assertTrue(out.matches("(?s).*\nonnxruntime +" + batch + " ratio +\\d+\\.\\d\\d +\\(median of model / median of "
                    + "baseline, 3 and 3 runs\\)\n.*"), out);
        }
        assertTrue(out.contains("onnxruntime kernels of int8 (ONNX Runtime "), out);
        assertTrue(out.contains("\n  1 of 1 quantized Conv/MatMul/Gemm run as integer kernels (coverage 100 %)\n"), out);
        assertTrue(out.contains("QLinearConv 1"), out);
        assertTrue(out.contains("onnxruntime kernels of fp32 (") && out.contains(
                "\n  no quantized Conv/MatMul/Gemm (nothing to run as integer kernels)\n"), out);
    }

    @Test
    void cpuFeaturesAndWhatTheyMeanForInt8() {
        CpuFeatures vnni = CpuFeatures.parse("processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512_vnni\n", "amd64");
        assertEquals("CPU features (amd64): avx2 yes, avx512f yes, avx512_vnni yes, avx_vnni no, amx_tile no, "
                + "amx_int8 no, avx_vnni_int8 no", vnni.summary());
        assertTrue(vnni.int8Meaning().startsWith("int8: VNNI"), vnni.int8Meaning());
        CpuFeatures avx2 = CpuFeatures.parse("flags : sse avx2\n", "amd64");
        assertTrue(avx2.int8Meaning().contains("saturate"), avx2.int8Meaning());
        CpuFeatures none = CpuFeatures.parse("", "amd64");
        assertTrue(none.summary().contains("unknown"), none.summary());
    }

    /** x -> Conv 3x3 (pad 1) -> y: with {@code quantized}, DQ(Q(x)) and DQ(int8 weights) in, Q/DQ out (no bias). */
    private static Path write(Path file, boolean quantized) throws Exception {
        GraphProto.Builder g = GraphProto.newBuilder().setName(quantized ? "int8" : "fp32");
        g.addInput(valueInfo("x"));
        g.addOutput(valueInfo("out"));
        float[] w = new float[C * C * 9];
        byte[] wq = new byte[w.length];
        float[] wScale = new float[C];
        for (int c = 0; c < C; c++) {
            wScale[c] = 0.01f;
        }
        for (int i = 0; i < w.length; i++) {
            wq[i] = (byte) ((i * 37) % 255 - 127);
            w[i] = wq[i] * 0.01f;
        }
        AttributeProto kernel = ints("kernel_shape", 3, 3);
        AttributeProto pads = ints("pads", 1, 1, 1, 1);
        if (!quantized) {
            g.addInitializer(tensor("w", TensorProto.DataType.FLOAT_VALUE, floatBytes(w), C, C, 3, 3));
            g.addNode(NodeProto.newBuilder().setOpType("Conv").setName("conv").addInput("x").addInput("w").addOutput("out")
                    .addAttribute(kernel).addAttribute(pads));
        } else {
            g.addInitializer(tensor("s", TensorProto.DataType.FLOAT_VALUE, floatBytes(new float[] {0.02f})));
            g.addInitializer(tensor("zp", TensorProto.DataType.UINT8_VALUE, new byte[] {(byte) 128}));
            g.addInitializer(tensor("w", TensorProto.DataType.INT8_VALUE, wq, C, C, 3, 3));
            g.addInitializer(tensor("w_scale", TensorProto.DataType.FLOAT_VALUE, floatBytes(wScale), C));
            g.addInitializer(tensor("w_zp", TensorProto.DataType.INT8_VALUE, new byte[C], C));
            g.addNode(node("QuantizeLinear", "x_q", "xq", "x", "s", "zp"));
            g.addNode(node("DequantizeLinear", "x_dq", "xd", "xq", "s", "zp"));
            g.addNode(node("DequantizeLinear", "w_dq", "wd", "w", "w_scale", "w_zp").toBuilder().addAttribute(
                    AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0)));
            g.addNode(NodeProto.newBuilder().setOpType("Conv").setName("conv").addInput("xd").addInput("wd").addOutput("y")
                    .addAttribute(kernel).addAttribute(pads));
            g.addNode(node("QuantizeLinear", "y_q", "yq", "y", "s", "zp"));
            g.addNode(node("DequantizeLinear", "y_dq", "out", "yq", "s", "zp"));
        }
        Files.write(file, ModelProto.newBuilder().setIrVersion(7).setProducerName("pot4j-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build()
                .toByteArray());
        return file;
    }

    private static NodeProto node(String op, String name, String output, String... inputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String i : inputs) {
            n.addInput(i);
        }
        return n.build();
    }

    private static ValueInfoProto valueInfo(String name) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : new long[] {1, C, 8, 8}) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static byte[] floatBytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static TensorProto tensor(String name, int type, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type).setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
