package org.pot4j.accuracyaware;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.core.hardware.HardwareConfig;

/**
 * The quantizer groups of a quantized graph (spec §2.5, POT's {@code RemoveFakeQuantize.find_fq_nodes_to_cut}): the
 * quantizers reverted together with a seed quantizer, and the quantizable ops they return to float. A quantizer is a
 * FakeQuantize (IR) or a DequantizeLinear (ONNX; its QuantizeLinear counts as part of it). The traversal alternates
 * one step down and one step up over two LIFO stacks, as POT's.
 */
final class QuantizerGroups {
    private final Graph graph;
    private final HardwareConfig hardware;
    private final Map<String, Boolean> constant = new HashMap<>();

    /**
     * One group.
     *
     * @param key        the seed quantizer (the first in graph order of the group)
     * @param quantizers the quantizers reverted together, seed first
     * @param ops        the quantizable ops they return to float, in graph order
     */
    record Group(String key, List<String> quantizers, List<String> ops) {
    }

    QuantizerGroups(Graph graph, HardwareConfig hardware) {
        this.graph = graph;
        this.hardware = hardware;
    }

    /** {@return true when {@code node} is a quantizer: FakeQuantize or DequantizeLinear} */
    static boolean isQuantizer(Node node) {
        return OpKinds.FAKE_QUANTIZE.equals(node.kind()) || OpKinds.DEQUANTIZE_LINEAR.equals(node.kind());
    }

    /** {@return the number of quantizers in the graph} */
    static long count(Graph graph) {
        return graph.nodes().stream().filter(QuantizerGroups::isQuantizer).count();
    }

    /**
     * Every group, seeded by the quantizers in graph order, each quantizer in the first group that holds it (spec
     * §2.7); groups that return no op to float (a quantizer on a model output only) are left out, since reverting
     * means leaving ops out of the base algorithm's scope.
     */
    List<Group> all() {
        List<Group> out = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (Node n : graph.nodes()) {
            if (!isQuantizer(n) || covered.contains(n.name())) {
                continue;
            }
            Group g = of(n);
            covered.addAll(g.quantizers());
            if (!g.ops().isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }

    /** The group seeded at {@code seed}. */
    Group of(Node seed) {
        List<Node> toCut = new ArrayList<>(List.of(seed));
        Set<String> cut = new HashSet<>(Set.of(seed.name()));
        Deque<Node> down = new ArrayDeque<>(List.of(seed));
        Deque<Node> up = new ArrayDeque<>();
        Set<String> seenDown = new HashSet<>();
        Set<String> seenUp = new HashSet<>();
        Set<String> ops = new HashSet<>();
        while (!down.isEmpty() || !up.isEmpty()) {
            if (!down.isEmpty()) {
                Node n = down.pop();
                visit(n, ops);
                for (Node r : consumers(n)) {
                    if (isQuantizer(r)) {
                        seenDown.add(r.name());
                    } else if (!isConstant(r)) {
                        if (!seenUp.contains(r.name())) {
                            up.push(r);
                        }
                        if (!seenDown.contains(r.name()) && isAgnostic(r)) {
                            down.push(r);
                        }
                    }
                }
                seenDown.add(n.name());
            }
            if (!up.isEmpty()) {
                Node n = up.pop();
                visit(n, ops);
                for (PortRef ref : n.inputs()) {
                    Node r = graph.requireNode(ref.node());
                    if (isQuantizer(r)) {
                        if (seenDown.contains(r.name())) {
                            continue;
                        }
                        if (cut.add(r.name())) {
                            toCut.add(r);
                        }
                        down.push(r);
                    } else if (!isConstant(r)) {
                        if (!seenUp.contains(r.name())) {
                            up.push(r);
                        }
                        if (!seenDown.contains(r.name()) && isAgnostic(r)) {
                            down.push(r);
                        }
                    }
                }
                seenUp.add(n.name());
            }
        }
        List<String> orderedOps = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (ops.contains(n.name())) {
                orderedOps.add(n.name());
            }
        }
        return new Group(seed.name(), toCut.stream().map(Node::name).toList(), orderedOps);
    }

    private void visit(Node n, Set<String> ops) {
        if (isQuantizable(n)) {
            ops.add(n.name());
        }
    }

    /** The readers of every output of {@code n}; a QuantizeLinear stands for the DequantizeLinear nodes it feeds. */
    private List<Node> consumers(Node n) {
        Set<Node> out = new LinkedHashSet<>();
        for (int i = 0; i < n.outputs().size(); i++) {
            for (InputRef c : graph.consumers(new PortRef(n.name(), i))) {
                Node r = graph.requireNode(c.node());
                if (OpKinds.QUANTIZE_LINEAR.equals(r.kind())) {
                    for (InputRef d : graph.consumers(new PortRef(r.name(), 0))) {
                        out.add(graph.requireNode(d.node()));
                    }
                } else {
                    out.add(r);
                }
            }
        }
        return List.copyOf(out);
    }

    boolean isQuantizable(Node n) {
        if (isQuantizer(n) || OpKinds.QUANTIZE_LINEAR.equals(n.kind())) {
            return false;
        }
        if (hardware.isQuantizable(n.kind())) {
            return true;
        }
        return OpKinds.GROUP_CONVOLUTION.equals(n.kind()) && hardware.isQuantizable("DepthWiseConvolution");
    }

    private boolean isAgnostic(Node n) {
        return hardware.isAgnostic(n.kind());
    }

    /** A Const, or an op computed from constants alone (a weight path, a folded shape). */
    private boolean isConstant(Node n) {
        Boolean known = constant.get(n.name());
        if (known != null) {
            return known;
        }
        boolean value;
        if (n.isConstant()) {
            value = true;
        } else if (OpKinds.PARAMETER.equals(n.kind()) || n.inputs().isEmpty()) {
            value = false;
        } else {
            constant.put(n.name(), false); // cycles cannot happen in a DAG; this guards the recursion anyway
            value = n.inputs().stream().allMatch(ref -> isConstant(graph.requireNode(ref.node())));
        }
        constant.put(n.name(), value);
        return value;
    }
}
