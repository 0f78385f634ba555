package org.pot4j.onnx.view;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.tensor.Tensor;

/**
 * The neutral graph of an ONNX model and how its nodes relate to the ModelProto: which ONNX node (by index in
 * {@code graph.node}) each view node came from, and which view nodes exist only in the view (constants made from
 * attributes, such as a Transpose's {@code perm}).
 *
 * @param graph     the neutral graph
 * @param origins   view node name to the index of the ONNX node it was mapped from (initializers and inputs absent)
 * @param synthetic names of view nodes without an ONNX counterpart of their own
 * @param computed  ONNX values computed by nodes whose inputs are all constant, with their values (the view's
 *                  constant folding; initializers and Constant nodes are not listed)
 */
public record OnnxGraphView(Graph graph, Map<String, Integer> origins, Set<String> synthetic,
                            Map<String, Tensor> computed) {
    public OnnxGraphView {
        origins = Map.copyOf(origins);
        synthetic = Set.copyOf(synthetic);
        computed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(computed));
    }

    public OnnxGraphView(Graph graph, Map<String, Integer> origins, Set<String> synthetic) {
        this(graph, origins, synthetic, Map.of());
    }

    /** The index in {@code graph.node} of the ONNX node view node {@code name} was mapped from. */
    public Optional<Integer> onnxNodeIndex(String name) {
        return Optional.ofNullable(origins.get(name));
    }
}
