package org.pot4j.onnx.quantization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.tensor.OnnxTensors;
import org.pot4j.onnx.view.OnnxAttributes;

/**
 * Folds inference BatchNormalization into the Conv it follows, as OpenVINO's model conversion does before POT sees a
 * model and as ONNX Runtime's own optimizer does for float models: {@code W'[o] = W[o] * s[o]} and
 * {@code b'[o] = (b[o] - mean[o]) * s[o] + beta[o]} with {@code s = scale / sqrt(var + epsilon)}, computed in double.
 * The Conv then writes the normalization's output tensor and the normalization node goes. Without this, a quantized
 * Conv is followed by a float BatchNormalization, so ONNX Runtime cannot fuse its QuantizeLinear/DequantizeLinear
 * pairs into an integer QLinearConv and the INT8 model only adds work.
 *
 * <p>Folded only when the Conv has constant float weights (and bias, if any), its output is read by the
 * normalization alone and is no graph output, and the normalization has constant float {@code [C]} parameters, a
 * single output and no training mode ({@code spatial=0} of old opsets is left alone).
 */
final class OnnxBatchNormFolding {
    private final GraphProto.Builder g;
    private final OnnxExternalData external;
    private final Map<String, TensorProto> constants = new HashMap<>();

    private OnnxBatchNormFolding(GraphProto.Builder g, OnnxExternalData external) {
        this.g = g;
        this.external = external;
        g.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                n.getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
                        .ifPresent(a -> constants.put(n.getOutput(0), a.getT()));
            }
        }
    }

    /** Folds what can be folded in {@code g}; returns the names of the normalization nodes removed. */
    static List<String> fold(GraphProto.Builder g, OnnxExternalData external) {
        return new OnnxBatchNormFolding(g, external).run();
    }

    private List<String> run() {
        Map<String, List<NodeProto>> readers = new HashMap<>();
        Map<String, Integer> producers = new HashMap<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            n.getInputList().forEach(in -> readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n));
            for (String out : n.getOutputList()) {
                producers.put(out, i);
            }
        }
        Set<String> graphOutputs = new HashSet<>();
        g.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        List<String> folded = new ArrayList<>();
        Set<Integer> removed = new HashSet<>();
        Set<String> droppedTensors = new HashSet<>();
        Set<String> replacedConstants = new HashSet<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto bn = g.getNode(i);
            if (!bn.getOpType().equals("BatchNormalization") || !inference(bn)) {
                continue;
            }
            Integer convAt = producers.get(bn.getInput(0));
            if (convAt == null) {
                continue;
            }
            NodeProto conv = g.getNode(convAt);
            String convOut = conv.getOutput(0);
            if (!conv.getOpType().equals("Conv") || readers.get(convOut).size() != 1 || graphOutputs.contains(convOut)) {
                continue;
            }
            Optional<NodeProto> rewritten = foldInto(conv, bn);
            if (rewritten.isPresent()) {
                replacedConstants.addAll(conv.getInputList().subList(1, conv.getInputCount()));
                replacedConstants.addAll(bn.getInputList().subList(1, bn.getInputCount()));
                g.setNode(convAt, rewritten.get());
                removed.add(i);
                droppedTensors.add(convOut);
                folded.add(bn.getName());
            }
        }
        List<NodeProto> keep = new ArrayList<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            if (!removed.contains(i)) {
                keep.add(g.getNode(i));
            }
        }
        // the old weights and normalization parameters go too, unless something else still reads them
        Set<String> read = new HashSet<>();
        keep.forEach(n -> read.addAll(n.getInputList()));
        graphOutputs.forEach(read::add);
        replacedConstants.removeAll(read);
        keep.removeIf(n -> n.getOpType().equals("Constant") && n.getOutputCount() == 1
                && replacedConstants.contains(n.getOutput(0)));
        g.clearNode().addAllNode(keep);
        List<TensorProto> initializers = new ArrayList<>(g.getInitializerList());
        initializers.removeIf(t -> replacedConstants.contains(t.getName()));
        g.clearInitializer().addAllInitializer(initializers);
        // models of IR version < 4 also list initializers as graph inputs
        List<org.pot4j.onnx.proto.OnnxMl.ValueInfoProto> inputs = new ArrayList<>(g.getInputList());
        inputs.removeIf(v -> replacedConstants.contains(v.getName()));
        g.clearInput().addAllInput(inputs);
        List<org.pot4j.onnx.proto.OnnxMl.ValueInfoProto> info = new ArrayList<>(g.getValueInfoList());
        info.removeIf(v -> droppedTensors.contains(v.getName()));
        g.clearValueInfo().addAllValueInfo(info);
        return folded;
    }

    private static boolean inference(NodeProto bn) {
        long outputs = bn.getOutputList().stream().filter(o -> !o.isEmpty()).count();
        OnnxAttributes a = OnnxAttributes.of(bn);
        return outputs == 1 && bn.getInputCount() == 5 && a.longValue("training_mode", 0) == 0
                && a.longValue("spatial", 1) == 1;
    }

    /** The Conv with folded weights and bias writing the normalization's output, or empty when it cannot fold. */
    private Optional<NodeProto> foldInto(NodeProto conv, NodeProto bn) {
        Optional<Tensor> w = floats(conv.getInput(1));
        Optional<Tensor> bias = conv.getInputCount() > 2 && !conv.getInput(2).isEmpty() ? floats(conv.getInput(2))
                : Optional.empty();
        if (w.isEmpty() || (conv.getInputCount() > 2 && !conv.getInput(2).isEmpty() && bias.isEmpty())) {
            return Optional.empty();
        }
        int oc = (int) w.get().shape().dim(0);
        double[][] p = new double[4][];
        for (int k = 0; k < 4; k++) {
            Optional<Tensor> t = floats(bn.getInput(k + 1));
            if (t.isEmpty() || t.get().elementCount() != oc || (bias.isPresent() && bias.get().elementCount() != oc)) {
                return Optional.empty();
            }
            p[k] = t.get().toDoubleArray();
        }
        double epsilon = OnnxAttributes.of(bn).floatValue("epsilon", 1e-5f);
        double[] weights = w.get().toDoubleArray();
        double[] b = bias.map(Tensor::toDoubleArray).orElse(new double[oc]);
        int per = weights.length / oc;
        float[] newWeights = new float[weights.length];
        float[] newBias = new float[oc];
        for (int o = 0; o < oc; o++) {
            double s = p[0][o] / Math.sqrt(p[3][o] + epsilon);
            for (int j = 0; j < per; j++) {
                newWeights[o * per + j] = (float) (weights[o * per + j] * s);
            }
            newBias[o] = (float) ((b[o] - p[2][o]) * s + p[1][o]);
        }
        String base = bn.getOutput(0);
        String wName = unique(base + "/folded_weights");
        String bName = unique(base + "/folded_bias");
        g.addInitializer(OnnxTensors.encode(wName, Tensor.ofFloats(w.get().shape(), newWeights)));
        g.addInitializer(OnnxTensors.encode(bName, Tensor.ofFloats(Shape.of(oc), newBias)));
        constants.put(wName, g.getInitializer(g.getInitializerCount() - 2));
        constants.put(bName, g.getInitializer(g.getInitializerCount() - 1));
        NodeProto.Builder c = conv.toBuilder().setInput(1, wName).setOutput(0, bn.getOutput(0));
        if (c.getInputCount() > 2) {
            c.setInput(2, bName);
        } else {
            c.addInput(bName);
        }
        return Optional.of(c.build());
    }

    private Optional<Tensor> floats(String name) {
        TensorProto t = constants.get(name);
        if (t == null || OnnxTensors.elementType(t) != ElementType.F32) {
            return Optional.empty();
        }
        return Optional.of(OnnxTensors.decode(t, external::bytesOf));
    }

    private String unique(String name) {
        Set<String> used = new HashSet<>(constants.keySet());
        g.getNodeList().forEach(n -> used.addAll(n.getOutputList()));
        g.getInputList().forEach(v -> used.add(v.getName()));
        String candidate = name;
        for (int k = 1; used.contains(candidate); k++) {
            candidate = name + "_" + k;
        }
        return candidate;
    }
}
