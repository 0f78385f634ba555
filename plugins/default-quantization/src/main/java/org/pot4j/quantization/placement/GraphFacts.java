package org.pot4j.quantization.placement;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;

/**
 * Facts about a graph that POT's load-time preprocessing establishes (POT_SPEC §4.1): which nodes compute constants
 * (Const, and FP16 {@code Const -> Convert} or {@code Const -> Reshape} chains, which POT folds), which belong to
 * shape sub-graphs (ShapeOf and what is computed from it and constants alone), and each op's hardware type
 * ({@code DepthWiseConvolution} for a convolution with one input and one output channel per group).
 */
public final class GraphFacts {
    private final Graph graph;
    private final Set<String> constants = new HashSet<>();
    private final Set<String> shapeSubgraph = new HashSet<>();
    private final Map<String, String> hardwareTypes = new HashMap<>();

    public GraphFacts(Graph graph) {
        this.graph = graph;
        for (Node n : graph.nodes()) {
            boolean allConstant = !OpKinds.PARAMETER.equals(n.kind()) && !OpKinds.SHAPE_OF.equals(n.kind());
            boolean fromShape = false;
            // an input that is neither constant nor computed from shapes carries data: a Reshape of activations
            // whose target comes from ShapeOf -> Gather -> Concat (a dynamic-batch flatten) ends the shape sub-graph
            boolean readsData = false;
            for (PortRef in : n.inputs()) {
                boolean constant = constants.contains(in.node());
                boolean shape = shapeSubgraph.contains(in.node());
                allConstant &= constant;
                fromShape |= shape;
                readsData |= !constant && !shape;
            }
            if (n.inputCount() == 0 && !n.isConstant()) {
                allConstant = false;
            }
            if (allConstant) {
                constants.add(n.name());
            }
            if (OpKinds.SHAPE_OF.equals(n.kind()) || (fromShape && !readsData)) {
                shapeSubgraph.add(n.name());
            }
        }
    }

    public Graph graph() {
        return graph;
    }

    /** True when {@code node} computes a constant from Const nodes only (weights, FP16 weights behind Convert). */
    public boolean isConstant(String node) {
        return constants.contains(node);
    }

    /**
     * True when {@code node} computes shapes: a ShapeOf, or a node fed by the shape sub-graph and constants only
     * (a node that also reads activations, such as the Reshape the computed shape is for, is not).
     */
    public boolean isShapeSubgraph(String node) {
        return shapeSubgraph.contains(node);
    }

    /** The producer of input {@code port} of {@code node}. */
    public Optional<Node> producer(Node node, int port) {
        return graph.producer(node, port);
    }

    /** Consumers of output {@code port} of {@code node}. */
    public List<InputRef> consumers(Node node, int port) {
        return graph.consumers(new PortRef(node.name(), port));
    }

    /** Every consumer node of every output of {@code node}. */
    public Set<Node> consumerNodes(Node node) {
        Set<Node> out = new java.util.LinkedHashSet<>();
        for (int p = 0; p < node.outputs().size(); p++) {
            for (InputRef c : consumers(node, p)) {
                out.add(graph.requireNode(c.node()));
            }
        }
        return out;
    }

    /** True when input {@code port} of {@code node} is fed by a constant. */
    public boolean hasConstantInput(Node node, int port) {
        return node.input(port).map(r -> constants.contains(r.node())).orElse(false);
    }

    /** True when any input of {@code node} is a constant. */
    public boolean hasAnyConstantInput(Node node) {
        for (int i = 0; i < node.inputCount(); i++) {
            if (hasConstantInput(node, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The op's type for hardware-configuration lookups: its kind, except that grouped convolutions are
     * {@code Convolution} (POT reads GroupConvolution as Convolution with {@code group}) or
     * {@code DepthWiseConvolution} when every group has one input and one output channel.
     */
    public String hardwareType(Node node) {
        return hardwareTypes.computeIfAbsent(node.name(), k -> computeHardwareType(node));
    }

    private String computeHardwareType(Node node) {
        String kind = node.kind();
        if (!OpKinds.GROUP_CONVOLUTION.equals(kind) && !OpKinds.CONVOLUTION.equals(kind)) {
            return kind;
        }
        long groups = groups(node);
        if (groups <= 1) {
            return OpKinds.CONVOLUTION;
        }
        long out = node.output(0).shape().rank() > 1 ? node.output(0).shape().dim(1) : -1;
        long in = node.input(0).map(r -> graph.outputPort(r).shape()).filter(s -> s.rank() > 1).map(s -> s.dim(1)).orElse(-1L);
        return groups == out && groups == in ? "DepthWiseConvolution" : OpKinds.CONVOLUTION;
    }

    /** The number of groups of a (group) convolution: the {@code group} attribute or the weights' first dimension. */
    public long groups(Node node) {
        if (node.attributes().has("group")) {
            return node.attributes().longValue("group", 1);
        }
        if (!OpKinds.GROUP_CONVOLUTION.equals(node.kind())) {
            return 1;
        }
        return node.input(1).map(r -> graph.outputPort(r).shape()).filter(s -> s.rank() > 0).map(s -> s.dim(0)).orElse(1L);
    }

    /** True for ops that have weights (POT's OPERATIONS_WITH_WEIGHTS). */
    public static boolean hasWeights(String kind) {
        return WEIGHTED.contains(kind);
    }

    static final Set<String> WEIGHTED = Set.of(OpKinds.CONVOLUTION, OpKinds.GROUP_CONVOLUTION,
            OpKinds.CONVOLUTION_BACKPROP_DATA, OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA, OpKinds.MAT_MUL);
}
