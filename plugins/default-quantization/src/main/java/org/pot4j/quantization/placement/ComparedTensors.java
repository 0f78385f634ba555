package org.pot4j.quantization.placement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;

/**
 * Tensors whose values are compared (Equal, Greater, ..., ArgMax/ArgMin, TopK, NonMaxSuppression) are left in float:
 * quantization maps neighbouring values to one level, so a comparison turns them into ties. A peak detection
 * ({@code Sigmoid -> MaxPool -> Equal} with the Sigmoid's output) then finds a peak on every plateau. The compared
 * tensors are followed up through quantization-agnostic ops (MaxPool, Reshape, Concat, ...) and through strictly
 * increasing elementwise ops (Sigmoid, Tanh, Exp, ...), whose input order is the order compared: quantizing before
 * such an op makes the same ties. {@link #find} returns the tensors and the ops on the way (the comparison ops
 * included), which placement marks as skipped, in the style of {@link IgnoredPatterns}.
 *
 * @param tensors the compared tensors and the tensors they are computed from through the ops above
 * @param ops     the comparison ops and the ops followed
 */
public record ComparedTensors(Set<PortRef> tensors, Set<String> ops) {
    /** Ops that compare their inputs (OpenVINO and ONNX spellings), with the inputs they compare. */
    static final Map<String, List<Integer>> COMPARISONS = Map.ofEntries(
            Map.entry("Equal", List.of(0, 1)), Map.entry("NotEqual", List.of(0, 1)),
            Map.entry("Greater", List.of(0, 1)), Map.entry("GreaterEqual", List.of(0, 1)),
            Map.entry("Less", List.of(0, 1)), Map.entry("LessEqual", List.of(0, 1)),
            Map.entry("GreaterOrEqual", List.of(0, 1)), Map.entry("LessOrEqual", List.of(0, 1)),
            Map.entry("ArgMax", List.of(0)), Map.entry("ArgMin", List.of(0)), Map.entry("TopK", List.of(0)),
            Map.entry("NonMaxSuppression", List.of(0, 1)));
    /** Elementwise ops whose output order is their input order (strictly increasing). */
    static final Set<String> ORDER_PRESERVING = Set.of(OpKinds.SIGMOID, OpKinds.TANH, OpKinds.EXP, "Log",
            OpKinds.SQRT, "Erf", "SoftPlus");

    public static final ComparedTensors NONE = new ComparedTensors(Set.of(), Set.of());

    public ComparedTensors {
        tensors = Set.copyOf(tensors);
        ops = Set.copyOf(ops);
    }

    /** The compared tensors of a graph. */
    public static ComparedTensors find(GraphFacts facts, HardwareOps hardware) {
        Set<PortRef> tensors = new LinkedHashSet<>();
        Set<String> ops = new LinkedHashSet<>();
        Deque<PortRef> queue = new ArrayDeque<>();
        for (Node n : facts.graph().nodes()) {
            List<Integer> compared = COMPARISONS.get(n.kind());
            if (compared == null) {
                continue;
            }
            ops.add(n.name());
            for (int port : compared) {
                if (port < n.inputCount() && n.input(port).isPresent() && !facts.isConstant(n.input(port).get().node())
                        && !facts.isShapeSubgraph(n.input(port).get().node())) {
                    queue.add(n.input(port).get());
                }
            }
        }
        while (!queue.isEmpty()) {
            PortRef t = queue.poll();
            if (!tensors.add(t)) {
                continue;
            }
            Node producer = facts.graph().requireNode(t.node());
            boolean follow = ORDER_PRESERVING.contains(producer.kind())
                    || hardware.isAgnostic(producer.kind()) && !OpKinds.PARAMETER.equals(producer.kind());
            if (!follow) {
                continue;
            }
            ops.add(producer.name());
            for (int i = 0; i < producer.inputCount(); i++) {
                producer.input(i).filter(in -> !facts.isConstant(in.node()) && !facts.isShapeSubgraph(in.node()))
                        .ifPresent(queue::add);
            }
        }
        return new ComparedTensors(tensors, ops);
    }

    /** The compared tensors by ONNX/IR tensor name (the port's first name, else node:port), for the log. */
    public List<String> names(GraphFacts facts) {
        return tensors.stream().map(p -> {
            List<String> names = facts.graph().outputPort(p).tensorNames();
            return names.isEmpty() ? p.toString() : names.get(0);
        }).sorted().toList();
    }
}
