package org.pot4j.onnx.quantization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.tensor.OnnxTensors;
import org.pot4j.onnx.view.OnnxAttributes;

/**
 * A mutable index over one ONNX graph for the QDQ layout rewrites: nodes in order, who produces and who reads each
 * tensor, constant values (initializers and {@code Constant} nodes), graph outputs and names in use. Node edits go
 * through its methods, which keep the index current.
 */
final class QdqGraph {
    private final GraphProto.Builder graph;
    private final OnnxExternalData external;
    private final List<NodeProto> nodes;
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Map<String, TensorProto> constantNodes = new HashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Set<String> used = new HashSet<>();
    private Map<String, NodeProto> producers;
    private Map<String, List<NodeProto>> readers;

    QdqGraph(GraphProto.Builder graph, OnnxExternalData external) {
        this.graph = graph;
        this.external = external;
        this.nodes = new ArrayList<>(graph.getNodeList());
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        graph.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        graph.getInputList().forEach(i -> used.add(i.getName()));
        used.addAll(initializers.keySet());
        for (NodeProto n : nodes) {
            used.add(n.getName());
            used.addAll(n.getOutputList());
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                OnnxAttributes.of(n).tensor("value").ifPresent(t -> constantNodes.put(n.getOutput(0), t));
            }
        }
        reindex();
    }

    /** Writes the nodes and initializers back into the builder, dropping initializers nothing reads any more. */
    void writeBack() {
        Set<String> read = new HashSet<>(graphOutputs);
        nodes.forEach(n -> read.addAll(n.getInputList()));
        graph.clearNode().addAllNode(nodes);
        List<TensorProto> kept = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        for (TensorProto t : initializers.values()) {
            if (read.contains(t.getName())) {
                kept.add(t);
            } else {
                dropped.add(t.getName());
            }
        }
        graph.clearInitializer().addAllInitializer(kept);
        // models of IR version < 4 also list initializers as graph inputs: a dropped one must not stay an input
        var inputs = new ArrayList<>(graph.getInputList());
        inputs.removeIf(v -> dropped.contains(v.getName()));
        graph.clearInput().addAllInput(inputs);
    }

    int size() {
        return nodes.size();
    }

    /** The node at {@code index} in the current order. */
    NodeProto node(int index) {
        return nodes.get(index);
    }

    Optional<NodeProto> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /** The nodes that read {@code tensor} (a node reading it twice is listed twice). */
    List<NodeProto> readers(String tensor) {
        return readers.getOrDefault(tensor, List.of());
    }

    boolean isGraphOutput(String tensor) {
        return graphOutputs.contains(tensor);
    }

    /**
     * True when {@code tensor} is an initializer, the output of a {@code Constant} node, or of a
     * {@code ConstantOfShape} of a constant shape (the zeros exporters concatenate to pad channels).
     */
    boolean isConstant(String tensor) {
        return initializers.containsKey(tensor) || constantNodes.containsKey(tensor) || filledShape(tensor).isPresent();
    }

    Optional<TensorProto> constantProto(String tensor) {
        TensorProto t = initializers.get(tensor);
        return Optional.ofNullable(t != null ? t : constantNodes.get(tensor));
    }

    Optional<Tensor> constant(String tensor) {
        Optional<Tensor> stored = constantProto(tensor).map(t -> OnnxTensors.decode(t, external::bytesOf));
        return stored.isPresent() ? stored : filledShape(tensor);
    }

    /** The value of a {@code ConstantOfShape} output whose shape is constant (at most 2^24 elements), if it is one. */
    private Optional<Tensor> filledShape(String tensor) {
        NodeProto n = producers.get(tensor);
        if (n == null || !n.getOpType().equals("ConstantOfShape") || n.getInputCount() < 1) {
            return Optional.empty();
        }
        Optional<Tensor> shape = constantProto(n.getInput(0)).map(t -> OnnxTensors.decode(t, external::bytesOf));
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        long[] dims = shape.get().toLongArray();
        long count = 1;
        for (long d : dims) {
            if (d < 0 || count * Math.max(d, 1) > (1 << 24)) {
                return Optional.empty();
            }
            count *= d;
        }
        Tensor fill = OnnxAttributes.of(n).tensor("value").map(t -> OnnxTensors.decode(t, external::bytesOf))
                .orElse(Tensor.zeros(org.pot4j.api.tensor.ElementType.F32, org.pot4j.api.tensor.Shape.of(1)));
        float[] values = new float[(int) count];
        java.util.Arrays.fill(values, fill.getFloat(0));
        return Optional.of(Tensor.fromFloats(fill.elementType(), org.pot4j.api.tensor.Shape.of(dims), values));
    }

    /** An unused name starting with {@code base}, reserved. */
    String uniqueName(String base) {
        String candidate = base;
        for (int k = 1; used.contains(candidate); k++) {
            candidate = base + "_" + k;
        }
        used.add(candidate);
        return candidate;
    }

    /** Adds an initializer under a fresh name based on {@code base}; returns the name. */
    String addInitializer(String base, Tensor value) {
        String name = uniqueName(base);
        initializers.put(name, OnnxTensors.encode(name, value));
        return name;
    }

    /** Replaces {@code old} by {@code replacement} (same position). */
    void replace(NodeProto old, NodeProto replacement) {
        nodes.set(indexOf(old), replacement);
        reindex();
    }

    void remove(NodeProto node) {
        nodes.remove(indexOf(node));
        reindex();
    }

    /** Inserts {@code added} right after {@code anchor}, in order. */
    void insertAfter(NodeProto anchor, List<NodeProto> added) {
        nodes.addAll(indexOf(anchor) + 1, added);
        added.forEach(n -> {
            used.add(n.getName());
            used.addAll(n.getOutputList());
        });
        reindex();
    }

    /** Makes every reader of {@code from} except {@code keep} read {@code to} instead. */
    void rewireReaders(String from, String to, Set<NodeProto> keep) {
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (keep.contains(n) || !n.getInputList().contains(from)) {
                continue;
            }
            NodeProto.Builder b = n.toBuilder();
            for (int k = 0; k < b.getInputCount(); k++) {
                if (b.getInput(k).equals(from)) {
                    b.setInput(k, to);
                }
            }
            nodes.set(i, b.build());
        }
        reindex();
    }

    private int indexOf(NodeProto node) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == node) {
                return i;
            }
        }
        throw new IllegalStateException("node '" + node.getName() + "' is not in the graph");
    }

    private void reindex() {
        producers = new HashMap<>();
        readers = new HashMap<>();
        for (NodeProto n : nodes) {
            n.getOutputList().forEach(o -> producers.put(o, n));
            n.getInputList().forEach(in -> readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n));
        }
    }
}
