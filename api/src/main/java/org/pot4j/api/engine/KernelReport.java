package org.pot4j.api.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which kernels a runtime runs for a loaded model after its graph optimization, and why quantized ops stay in float.
 *
 * @param runtime            the runtime and its settings, e.g. "ONNX Runtime 1.29.0, CPU, optimization level extended"
 * @param opCounts           op type to node count in the runtime's optimized graph, sorted by op type
 * @param quantizedOps       Conv/MatMul/Gemm of the loaded model with a DequantizeLinear feeding an input (and integer
 *                           kernels such as QLinearConv already in it)
 * @param integerOps         how many of them run as integer kernels (QLinearConv, QLinearMatMul, QGemm, ...)
 * @param floatOps           each quantized Conv/MatMul/Gemm (or fused form such as FusedConv) left in float, with the reason
 * @param quantizeLinearLeft   QuantizeLinear nodes left in the optimized graph
 * @param dequantizeLinearLeft DequantizeLinear nodes left in the optimized graph
 * @param floatOpsBetweenQdq op type to count of the other float ops that read a DequantizeLinear and feed a
 *                           QuantizeLinear (ops without a CPU integer rule such as Sub, Div, Tanh, ConvTranspose, or
 *                           units that did not fuse); informational, sorted by op type
 * @param kernelMillisByOp   op type to kernel milliseconds per inference from the runtime's profiler, sorted by op
 *                           type; empty when not profiled
 */
public record KernelReport(String runtime, SortedMap<String, Integer> opCounts, int quantizedOps, int integerOps,
                           List<FloatOp> floatOps, int quantizeLinearLeft, int dequantizeLinearLeft,
                           SortedMap<String, Integer> floatOpsBetweenQdq, SortedMap<String, Double> kernelMillisByOp) {
    /**
     * Checks the counts and makes sorted, unmodifiable copies of the maps and the list.
     *
     * @param runtime              the runtime and its settings, not null
     * @param opCounts             op type to node count, not null
     * @param quantizedOps         quantized Conv/MatMul/Gemm, 0 or more
     * @param integerOps           those run as integer kernels, between 0 and {@code quantizedOps}
     * @param floatOps             the quantized ops left in float
     * @param quantizeLinearLeft   QuantizeLinear nodes left, 0 or more
     * @param dequantizeLinearLeft DequantizeLinear nodes left, 0 or more
     * @param floatOpsBetweenQdq   op type to count of other float ops between DequantizeLinear and QuantizeLinear,
     *                             not null
     * @param kernelMillisByOp     op type to kernel milliseconds per inference, not null (empty when not profiled)
     * @throws IllegalArgumentException when a count is negative or {@code integerOps > quantizedOps}
     */
    public KernelReport {
        Objects.requireNonNull(runtime, "runtime");
        if (quantizedOps < 0 || integerOps < 0 || integerOps > quantizedOps) {
            throw new IllegalArgumentException("integer ops (" + integerOps + ") must be between 0 and the quantized ops ("
                    + quantizedOps + ")");
        }
        if (quantizeLinearLeft < 0 || dequantizeLinearLeft < 0) {
            throw new IllegalArgumentException("QuantizeLinear/DequantizeLinear counts must not be negative");
        }
        opCounts = sorted(opCounts, "opCounts");
        floatOps = List.copyOf(floatOps);
        floatOpsBetweenQdq = sorted(floatOpsBetweenQdq, "floatOpsBetweenQdq");
        kernelMillisByOp = sorted(kernelMillisByOp, "kernelMillisByOp");
    }

    /**
     * A report without a profile ({@link #kernelMillisByOp()} empty).
     *
     * @param runtime              the runtime and its settings
     * @param opCounts             op type to node count in the optimized graph
     * @param quantizedOps         quantized Conv/MatMul/Gemm of the loaded model
     * @param integerOps           those run as integer kernels
     * @param floatOps             the quantized ops left in float, each with its reason
     * @param quantizeLinearLeft   QuantizeLinear nodes left in the optimized graph
     * @param dequantizeLinearLeft DequantizeLinear nodes left in the optimized graph
     * @param floatOpsBetweenQdq   op type to count of other float ops between DequantizeLinear and QuantizeLinear
     */
    public KernelReport(String runtime, Map<String, Integer> opCounts, int quantizedOps, int integerOps,
                        List<FloatOp> floatOps, int quantizeLinearLeft, int dequantizeLinearLeft,
                        Map<String, Integer> floatOpsBetweenQdq) {
        this(runtime, new TreeMap<>(opCounts), quantizedOps, integerOps, floatOps, quantizeLinearLeft,
                dequantizeLinearLeft, new TreeMap<>(floatOpsBetweenQdq), new TreeMap<>());
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> map, String what) {
        Objects.requireNonNull(map, what);
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }

    /** {@return integer ops over quantized ops; 1.0 when nothing is quantized (nothing was expected to run on integers)} */
    public double coverage() {
        return quantizedOps == 0 ? 1.0 : (double) integerOps / quantizedOps;
    }

    /**
     * This report with kernel times.
     *
     * @param millisByOp op type to kernel milliseconds per inference
     * @return a new report; this one is unchanged
     */
    public KernelReport withKernelMillis(Map<String, Double> millisByOp) {
        return new KernelReport(runtime, opCounts, quantizedOps, integerOps, floatOps, quantizeLinearLeft,
                dequantizeLinearLeft, floatOpsBetweenQdq, new TreeMap<>(millisByOp));
    }

    /**
     * A quantized op the runtime runs in float.
     *
     * @param node   the node name in the optimized graph
     * @param opType its op type there (Conv, FusedConv, MatMul, Gemm, ...)
     * @param reason why it did not become an integer kernel, in a user's words
     */
    public record FloatOp(String node, String opType, String reason) {
        /**
         * Checks the components.
         *
         * @param node   the node name, not null
         * @param opType the op type, not blank
         * @param reason the reason, not blank
         * @throws IllegalArgumentException when the op type or the reason is missing or blank
         */
        public FloatOp {
            Objects.requireNonNull(node, "node");
            if (opType == null || opType.isBlank() || reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a float op needs an op type and a reason");
            }
        }
    }
}
