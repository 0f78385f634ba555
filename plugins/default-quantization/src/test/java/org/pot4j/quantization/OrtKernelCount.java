package org.pot4j.quantization;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pot4j.onnx.proto.OnnxMl;

/**
 * Integer-kernel coverage of a quantized model in ONNX Runtime (ORT_QDQ_FUSION.md §5.1): the graph ONNX Runtime
 * writes at EXTENDED_OPT (portable op types, no NCHWc layout), counted by op type. Benchmark support, not a test;
 * meant to be replaced by the ONNX Runtime engine's own inspection once it has one.
 */
final class OrtKernelCount {
    /** ONNX Runtime's integer matrix kernels. */
    static final Set<String> INTEGER = Set.of("QLinearConv", "QLinearMatMul", "MatMulIntegerToFloat", "QGemm",
            "ConvInteger", "MatMulInteger");
    /** Float matrix kernels: where one reads a DequantizeLinear output, a quantized unit did not fuse. */
    static final Set<String> FLOAT = Set.of("Conv", "FusedConv", "MatMul", "FusedMatMul", "Gemm", "FusedGemm");

    /**
     * @param integer    integer kernels
     * @param floatOnDq  float kernels reading a DequantizeLinear output (quantized but not fused)
     * @param floatOther float kernels reading no DequantizeLinear (left in float)
     * @param quantize   QuantizeLinear nodes left
     * @param dequantize DequantizeLinear nodes left
     */
    record Count(int integer, int floatOnDq, int floatOther, int quantize, int dequantize) {
        /** Integer kernels of the quantized matrix units, e.g. {@code 27/28}. */
        String coverage() {
            return integer + "/" + (integer + floatOnDq);
        }

        String detail() {
            return String.format(Locale.ROOT, "%d integer, %d float on DequantizeLinear, %d float, Q %d, DQ %d",
                    integer, floatOnDq, floatOther, quantize, dequantize);
        }
    }

    private OrtKernelCount() {
    }

    /** Counts the kernels of {@code model} (serialized ONNX) as ONNX Runtime optimizes it on this CPU. */
    static Count of(byte[] model) throws OrtException, IOException {
        Path dir = Files.createTempDirectory("pot4j-ort-kernels");
        Path optimized = dir.resolve("optimized.onnx");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            options.setIntraOpNumThreads(1);
            options.setOptimizedModelFilePath(optimized.toString());
            OrtEnvironment.getEnvironment().createSession(model, options).close();
        }
        OnnxMl.GraphProto graph = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph();
        Files.deleteIfExists(optimized);
        Files.deleteIfExists(dir);
        Map<String, String> producer = new HashMap<>();
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            node.getOutputList().forEach(o -> producer.put(o, node.getOpType()));
        }
        int integer = 0;
        int floatOnDq = 0;
        int floatOther = 0;
        int q = 0;
        int dq = 0;
        for (OnnxMl.NodeProto node : graph.getNodeList()) {
            String op = node.getOpType();
            if (INTEGER.contains(op)) {
                integer++;
            } else if (FLOAT.contains(op)) {
                if (node.getInputList().stream().anyMatch(i -> "DequantizeLinear".equals(producer.get(i)))) {
                    floatOnDq++;
                } else {
                    floatOther++;
                }
            } else if (op.equals("QuantizeLinear")) {
                q++;
            } else if (op.equals("DequantizeLinear")) {
                dq++;
            }
        }
        return new Count(integer, floatOnDq, floatOther, q, dq);
    }
}
