package org.pot4j.onnx.view;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.graph.Graph;

/**
 * The neutral graph of an ONNX model and how its nodes relate to the ModelProto: which ONNX node (by index in
 * {@code graph.node}) each view node came from, and which view nodes exist only in the view (constants made from
 * attributes, such as a Transpose's {@code perm}).
 *
 * @param graph     the neutral graph
 * @param origins   view node name to the index of the ONNX node it was mapped from (initializers and inputs absent)
 * @param synthetic names of view nodes without an ONNX counterpart of their own
 */
public record OnnxGraphView(Graph graph, Map<String, Integer> origins, Set<String> synthetic) {
    public OnnxGraphView {
        origins = Map.copyOf(origins);
        synthetic = Set.copyOf(synthetic);
    }

    /** The index in {@code graph.node} of the ONNX node view node {@code name} was mapped from. */
    public Optional<Integer> onnxNodeIndex(String name) {
        return Optional.ofNullable(origins.get(name));
    }
}
