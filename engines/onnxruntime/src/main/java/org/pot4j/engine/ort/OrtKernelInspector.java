package org.pot4j.engine.ort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pot4j.api.engine.KernelReport;
import org.pot4j.api.engine.KernelReport.FloatOp;
import org.pot4j.engine.ort.proto.OnnxSubset.GraphProto;
import org.pot4j.engine.ort.proto.OnnxSubset.NodeProto;
import org.pot4j.engine.ort.proto.OnnxSubset.TensorProto;

/**
 * Reads ONNX Runtime's optimized graph of a model: which quantized Conv/MatMul/Gemm became integer kernels, and for
 * each one left in float the reason, following the CPU execution provider's QDQ fusion rules (ORT_QDQ_FUSION.md §1,
 * §4). Only the main graph is read (not the bodies of If/Loop), through the engine's own protobuf description of the
 * few ONNX fields it needs ({@code src/main/proto/onnx-subset.proto}), so the ONNX plugin's classes are not needed.
 */
final class OrtKernelInspector {
    /** Integer kernels a quantized Conv/MatMul/Gemm becomes (any domain; NHWC contrib ops keep these names). */
    static final Set<String> INTEGER_KERNELS = Set.of("QLinearConv", "QLinearMatMul", "MatMulIntegerToFloat", "QGemm",
            "ConvInteger", "MatMulInteger");
    /** Quantizable ops before optimization. */
    private static final Set<String> QUANTIZABLE = Set.of("Conv", "MatMul", "Gemm");
    /** What those ops are in the optimized graph when they stay in float. */
    private static final Set<String> FLOAT_TARGETS = Set.of("Conv", "FusedConv", "MatMul", "FusedMatMul", "Gemm",
            "FusedGemm");
    private static final String Q = "QuantizeLinear";
    private static final String DQ = "DequantizeLinear";

    private OrtKernelInspector() {
    }

    /**
     * The report of a model.
     *
     * @param runtime   what ran the optimization, for the report
     * @param loaded    the model's graph as loaded
     * @param optimized ONNX Runtime's optimized graph of it
     * @param fused     whether the optimization level fuses QDQ units (extended or all); when not, every quantized
     *                  op is float for that reason
     * @param x86       whether int8 activations need the S8->U8 rewrite (x86; ARM runs them directly)
     */
    static KernelReport report(String runtime, GraphProto loaded, GraphProto optimized, String level, boolean fused,
                               boolean x86) {
        GraphIndex before = new GraphIndex(loaded);
        int quantized = 0;
        for (NodeProto n : loaded.getNodeList()) {
            if (INTEGER_KERNELS.contains(n.getOpType())
                    || (QUANTIZABLE.contains(n.getOpType()) && before.readsDequantized(n))) {
                quantized++;
            }
        }
        GraphIndex after = new GraphIndex(optimized);
        Map<String, Integer> counts = new TreeMap<>();
        int integer = 0;
        List<FloatOp> floatOps = new ArrayList<>();
        Map<String, Integer> between = new TreeMap<>();
        for (NodeProto n : optimized.getNodeList()) {
            String op = n.getOpType();
            counts.merge(op, 1, Integer::sum);
            if (INTEGER_KERNELS.contains(op)) {
                integer++;
            } else if (FLOAT_TARGETS.contains(op) && after.readsDequantized(n)) {
                String reason = fused ? after.whyFloat(n, x86, before)
                        : "optimization level " + level + ": ONNX Runtime fuses QDQ units only at extended or all";
                floatOps.add(new FloatOp(n.getName(), op, reason));
            } else if (!op.equals(Q) && !op.equals(DQ) && after.readsDequantized(n) && after.feedsQuantize(n)) {
                between.merge(op, 1, Integer::sum);
            }
        }
        // ORT's own rewrites (WeightBiasQuantization) can make an integer kernel of an op the loaded model had in float
        quantized = Math.max(quantized, integer + floatOps.size());
        return new KernelReport(runtime, counts, quantized, integer, floatOps, counts.getOrDefault(Q, 0),
                counts.getOrDefault(DQ, 0), between);
    }

    /** Producers, consumers and constants of one graph. */
    private static final class GraphIndex {
        private final Map<String, NodeProto> producer = new HashMap<>();
        private final Map<String, List<NodeProto>> consumers = new HashMap<>();
        private final Map<String, TensorProto> constants = new HashMap<>();
        private final Set<String> graphOutputs = new HashSet<>();
        private final Map<String, NodeProto> byName = new HashMap<>();

        GraphIndex(GraphProto g) {
            g.getInitializerList().forEach(t -> constants.put(t.getName(), t));
            g.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
            for (NodeProto n : g.getNodeList()) {
                byName.putIfAbsent(n.getName(), n);
                n.getOutputList().forEach(o -> producer.put(o, n));
                n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
                if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                    OrtNodeAttributes.of(n).tensor("value").ifPresent(t -> constants.put(n.getOutput(0), t));
                }
            }
        }

        boolean readsDequantized(NodeProto n) {
            return n.getInputList().stream().anyMatch(i -> dequantizer(i) != null);
        }

        boolean feedsQuantize(NodeProto n) {
            return n.getOutputList().stream().anyMatch(o -> consumersOf(o).stream().anyMatch(c -> c.getOpType().equals(Q)));
        }

        /** The DequantizeLinear producing {@code tensor}, or null. */
        NodeProto dequantizer(String tensor) {
            NodeProto p = producer.get(tensor);
            return p != null && p.getOpType().equals(DQ) ? p : null;
        }

        List<NodeProto> consumersOf(String tensor) {
            return consumers.getOrDefault(tensor, List.of());
        }

        /** Why a float Conv/MatMul/Gemm reading a DequantizeLinear output did not become an integer kernel. */
        String whyFloat(NodeProto n, boolean x86, GraphIndex loaded) {
            String op = n.getOpType();
            boolean conv = op.endsWith("Conv");
            NodeProto data = n.getInputCount() > 0 ? dequantizer(n.getInput(0)) : null;
            NodeProto weights = n.getInputCount() > 1 ? dequantizer(n.getInput(1)) : null;
            if (data == null) {
                return "data input not quantized (input '" + (n.getInputCount() > 0 ? n.getInput(0) : "") + "' has no "
                        + "DequantizeLinear)";
            }
            int dataType = quantizedType(data);
            int weightType = weights == null ? -1 : quantizedType(weights);
            if (bits(dataType) == 16 || bits(weightType) == 16) {
                return "16-bit quantizer on the " + (bits(dataType) == 16 ? "data input" : "weights")
                        + " (the CPU Conv/MatMul/Gemm rules take 8-bit only)";
            }
            if (bits(dataType) == 4 || bits(weightType) == 4) {
                return "4-bit quantizer on the " + (bits(dataType) == 4 ? "data input" : "weights")
                        + " (the CPU Conv/MatMul/Gemm rules take 8-bit only)";
            }
            long scales = elementCount(data.getInputCount() > 1 ? data.getInput(1) : "");
            if (scales > 1) {
                return "activation input quantized per channel (DequantizeLinear '" + data.getName() + "' has " + scales
                        + " scales; the integer kernels take one)";
            }
            if (x86 && dataType == TensorProto.DataType.INT8_VALUE) {
                return "int8 activation (x86 runs int8 activations only through the S8->U8 rewrite, which fails when a "
                        + "QuantizeLinear feeds several DequantizeLinear" + int8Detail(data) + "); quantize activations "
                        + "as uint8";
            }
            String output = n.getOpType().equals("FusedConv") ? fusedConvOutputProblem(n, loaded) : outputProblem(n, conv);
            if (output != null) {
                return output;
            }
            if (weights == null) {
                return "weights not quantized (input '" + (n.getInputCount() > 1 ? n.getInput(1) : "") + "' has no "
                        + "DequantizeLinear" + (op.equals("MatMul") ? "; ONNX Runtime quantizes float weights of Conv and "
                        + "Gemm only" : "") + ")";
            }
            if ((conv || op.endsWith("Gemm")) && n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                NodeProto bias = dequantizer(n.getInput(2));
                if (bias != null && quantizedType(bias) != TensorProto.DataType.INT32_VALUE) {
                    return "bias DequantizeLinear not int32 ('" + bias.getName() + "' is " + typeName(quantizedType(bias))
                            + ")";
                }
                double beta = OrtNodeAttributes.of(n).floatValue("beta", 1.0);
                if (op.endsWith("Gemm") && beta != 1.0) {
                    return "Gemm beta != 1 (beta " + beta + " with a bias input)";
                }
            }
            if (dataType == TensorProto.DataType.INT8_VALUE && weightType == TensorProto.DataType.UINT8_VALUE) {
                return "int8 activation with uint8 weights (the kernels take int8 activations with int8 weights only)";
            }
            return "not fused for a reason this report does not recognise (data " + typeName(dataType) + ", weights "
                    + typeName(weightType) + ")";
        }

        /** What keeps the op's output from being a QuantizeLinear of its own, or null when the output is fine. */
        private String outputProblem(NodeProto n, boolean conv) {
            String out = n.getOutput(0);
            List<NodeProto> readers = consumersOf(out);
            boolean graphOutput = graphOutputs.contains(out);
            boolean quantized = readers.stream().anyMatch(r -> r.getOpType().equals(Q));
            if (graphOutput || readers.size() > 1) {
                if (!conv && !quantized) {
                    return null; // MatMul/Gemm without a QuantizeLinear run as float-output integer kernels
                }
                return "output read by more than one node / is a graph output (" + (graphOutput ? "graph output"
                        + (readers.isEmpty() ? "" : ", ") : "") + describe(readers) + ")";
            }
            if (!conv) {
                return null;
            }
            if (readers.isEmpty()) {
                return "no QuantizeLinear on its output (output unused)";
            }
            NodeProto reader = readers.get(0);
            if (n.getOpType().equals("FusedConv")) {
                String activation = OrtNodeAttributes.of(n).string("activation", "an activation");
                if (reader.getOpType().equals(Q)) {
                    return "Relu/Clip between op and QuantizeLinear not removable (FusedConv with " + activation
                            + "; a Relu goes only when the QuantizeLinear zero point is the type minimum, a Clip only "
                            + "when the QuantizeLinear range lies inside it)";
                }
                return "no QuantizeLinear on its output (FusedConv with " + activation + ", output read by "
                        + describe(readers) + ")";
            }
            if (reader.getOpType().equals(Q)) {
                return null;
            }
            String hint = Set.of("BatchNormalization", "Mul", "Add").contains(reader.getOpType())
                    ? "; fold it into the float weights before quantizing" : "";
            return "no QuantizeLinear on its output (output read by " + describe(readers) + hint + ")";
        }

        /**
         * A FusedConv's output problem, judged on the loaded graph where its Conv still has its activation as a node
         * (ONNX Runtime keeps the Conv's name).
         */
        private String fusedConvOutputProblem(NodeProto n, GraphIndex loaded) {
            NodeProto original = loaded.byName.get(n.getName());
            if (original == null || !original.getOpType().equals("Conv")) {
                return outputProblem(n, true);
            }
            List<NodeProto> readers = loaded.consumersOf(original.getOutput(0));
            if (readers.size() == 1 && Set.of("Relu", "Clip").contains(readers.get(0).getOpType())
                    && !loaded.graphOutputs.contains(original.getOutput(0))) {
                NodeProto activation = readers.get(0);
                List<NodeProto> next = loaded.consumersOf(activation.getOutput(0));
                if (next.size() == 1 && next.get(0).getOpType().equals(Q)) {
                    return "Relu/Clip between op and QuantizeLinear not removable (" + activation.getOpType() + " '"
                            + activation.getName() + "' became part of a FusedConv; a Relu goes only when the "
                            + "QuantizeLinear zero point is the type minimum, a Clip only when the QuantizeLinear's "
                            + "range lies inside it)";
                }
            }
            return loaded.outputProblem(original, true);
        }

        private String int8Detail(NodeProto dq) {
            NodeProto q = producer.get(dq.getInput(0));
            if (q == null || !q.getOpType().equals(Q)) {
                return "; '" + dq.getName() + "' reads '" + dq.getInput(0) + "', not a QuantizeLinear";
            }
            long dqs = consumersOf(q.getOutput(0)).stream().filter(c -> c.getOpType().equals(DQ)).count();
            return dqs > 1 ? "; QuantizeLinear '" + q.getName() + "' feeds " + dqs : "";
        }

        /** The element type a DequantizeLinear reads: its zero point's, its constant input's, or its QuantizeLinear's. */
        private int quantizedType(NodeProto dq) {
            if (dq.getInputCount() > 2 && constants.containsKey(dq.getInput(2))) {
                return constants.get(dq.getInput(2)).getDataType();
            }
            if (constants.containsKey(dq.getInput(0))) {
                return constants.get(dq.getInput(0)).getDataType();
            }
            NodeProto q = producer.get(dq.getInput(0));
            if (q != null && q.getOpType().equals(Q)) {
                if (q.getInputCount() > 2 && constants.containsKey(q.getInput(2))) {
                    return constants.get(q.getInput(2)).getDataType();
                }
                return (int) OrtNodeAttributes.of(q).longValue("output_dtype", TensorProto.DataType.UINT8_VALUE);
            }
            return -1;
        }

        private long elementCount(String tensor) {
            TensorProto t = constants.get(tensor);
            if (t == null) {
                return 1;
            }
            long n = 1;
            for (long d : t.getDimsList()) {
                n *= d;
            }
            return n;
        }

        private static String describe(List<NodeProto> nodes) {
            StringBuilder b = new StringBuilder();
            for (NodeProto r : nodes) {
                b.append(b.length() > 0 ? ", " : "").append(r.getOpType()).append(" '").append(r.getName()).append('\'');
            }
            return b.toString();
        }
    }

    private static int bits(int type) {
        return switch (type) {
            case TensorProto.DataType.INT16_VALUE, TensorProto.DataType.UINT16_VALUE -> 16;
            case TensorProto.DataType.UINT4_VALUE, TensorProto.DataType.INT4_VALUE -> 4;
            default -> 8;
        };
    }

    private static String typeName(int type) {
        if (type < 0) {
            return "unknown";
        }
        TensorProto.DataType t = TensorProto.DataType.forNumber(type);
        return t == null ? "type " + type : t.name().toLowerCase(Locale.ROOT);
    }
}
