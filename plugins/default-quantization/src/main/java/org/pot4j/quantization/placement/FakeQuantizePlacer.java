package org.pot4j.quantization.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;

/**
 * Decides where FakeQuantize nodes go, as POT's {@code _insert_fake_quantize} (POT_SPEC §4.2): on the inputs of every
 * quantizable, non-ignored op; activation quantizers then move up through quantization-agnostic ops (MaxPool,
 * Reshape, Concat, ...) where every branch below is quantized; quantizers of one tensor are merged; integer tensors are
 * left alone. Works on the neutral graph, so it is the same for IR and ONNX.
 */
public final class FakeQuantizePlacer {
    /** Ops whose inputs 0 and 1 (data and weights) are quantized. */
    static final Set<String> TWO_PORT_OPS = Set.of(OpKinds.CONVOLUTION, OpKinds.GROUP_CONVOLUTION,
            OpKinds.CONVOLUTION_BACKPROP_DATA, OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA, OpKinds.MAT_MUL);
    /** Ops whose input 0 alone is quantized. */
    static final Set<String> INPUT_ONLY_OPS = Set.of(OpKinds.INTERPOLATE, OpKinds.POWER, OpKinds.REDUCE_MEAN,
            OpKinds.NORMALIZE_L2, "Assign", OpKinds.PRELU, OpKinds.RELU, OpKinds.SIGMOID, OpKinds.TANH, OpKinds.CLAMP,
            OpKinds.MVN);
    /** Agnostic ops a quantizer moves through to their input 0. */
    static final Set<String> JUMP_TO_INPUT_0 = Set.of(OpKinds.REDUCE_MAX, OpKinds.MAX_POOL, OpKinds.RESHAPE,
            OpKinds.FLATTEN, OpKinds.SQUEEZE, OpKinds.UNSQUEEZE, OpKinds.INTERPOLATE, OpKinds.SPLIT, "Crop",
            OpKinds.REDUCE_MEAN, OpKinds.AVG_POOL, OpKinds.RESULT, "Tile", OpKinds.TRANSPOSE, OpKinds.STRIDED_SLICE,
            OpKinds.VARIADIC_SPLIT, "ShuffleChannels", "Broadcast", OpKinds.MINIMUM, OpKinds.MAXIMUM, "DepthToSpace");
    /** Agnostic ops a quantizer moves through to every non-constant input. */
    static final Set<String> JUMP_TO_DATA_INPUTS = Set.of(OpKinds.PAD, "ConvertLike");
    /** Element types that are never quantized. */
    static final Set<ElementType> INTEGER_TYPES = Set.of(ElementType.I32, ElementType.I64, ElementType.BOOLEAN);

    private final GraphFacts facts;
    private final HardwareOps hardware;
    private final Set<String> skipped = new HashSet<>();
    private final Map<String, Quantizer> quantizers = new LinkedHashMap<>();
    private final Map<InputRef, Quantizer> byConsumer = new HashMap<>();

    private FakeQuantizePlacer(GraphFacts facts, HardwareOps hardware) {
        this.facts = facts;
        this.hardware = hardware;
    }

    /**
     * The quantizer sites of a graph, sorted by name.
     *
     * @param facts       the graph and its preprocessing facts
     * @param hardware    the target device's quantizable and agnostic op types
     * @param ignored     the user's ignored scope
     * @param cpuPatterns whether the CPU fused post-op patterns apply (targets ANY, CPU, GPU)
     */
    public static List<QuantizerSite> place(GraphFacts facts, HardwareOps hardware, IgnoredScope ignored,
                                            boolean cpuPatterns) {
        return place(facts, hardware, ignored, cpuPatterns, ComparedTensors.NONE);
    }

    /**
     * {@link #place(GraphFacts, HardwareOps, IgnoredScope, boolean)} leaving {@code compared} tensors in float: their
     * ops are skipped and no activation quantizer reads a compared tensor.
     */
    public static List<QuantizerSite> place(GraphFacts facts, HardwareOps hardware, IgnoredScope ignored,
                                            boolean cpuPatterns, ComparedTensors compared) {
        FakeQuantizePlacer p = new FakeQuantizePlacer(facts, hardware);
        p.markSkipped(ignored, cpuPatterns);
        p.skipped.addAll(compared.ops());
        p.insert();
        p.propagate();
        p.deduplicate();
        p.dropIntegerTensors();
        for (Quantizer q : new ArrayList<>(p.quantizers.values())) {
            if (q.group == QuantizerGroup.ACTIVATIONS && compared.tensors().contains(q.source)) {
                p.remove(q);
            }
        }
        List<QuantizerSite> out = new ArrayList<>();
        for (Quantizer q : p.quantizers.values()) {
            out.add(new QuantizerSite(q.name, q.group, q.source, List.copyOf(q.consumers)));
        }
        out.sort(Comparator.comparing(QuantizerSite::name));
        return out;
    }

    private void markSkipped(IgnoredScope ignored, boolean cpuPatterns) {
        skipped.addAll(IgnoredPatterns.mark(facts, cpuPatterns));
        for (Node n : facts.graph().nodes()) {
            boolean ignoredNode = ignored.ignores(n);
            // an ignored agnostic op passes its ignore on to its consumers (check_agnostic_and_ignored_params)
            for (int i = 0; i < n.inputCount() && !ignoredNode; i++) {
                ignoredNode = facts.producer(n, i)
                        .filter(p -> hardware.isAgnostic(p.kind()) && ignoredByUser.contains(p.name())).isPresent();
            }
            if (ignoredNode) {
                ignoredByUser.add(n.name());
                skipped.add(n.name());
            }
        }
    }

    private final Set<String> ignoredByUser = new HashSet<>();

    private void insert() {
        for (Node n : facts.graph().nodes()) {
            if (skipped.contains(n.name()) || facts.isShapeSubgraph(n.name())
                    || !hardware.isQuantizable(facts.hardwareType(n))) {
                continue;
            }
            for (int port : quantizedPorts(n)) {
                if (port >= n.inputCount() || n.input(port).isEmpty()) {
                    continue;
                }
                PortRef source = n.input(port).get();
                if (facts.isShapeSubgraph(source.node())) {
                    continue;
                }
                boolean weights = facts.isConstant(source.node());
                String name = n.name() + (weights ? "/fq_weights_" : "/fq_input_") + port;
                add(new Quantizer(name, weights ? QuantizerGroup.WEIGHTS : QuantizerGroup.ACTIVATIONS, source,
                        new InputRef(n.name(), port)));
            }
        }
    }

    private List<Integer> quantizedPorts(Node n) {
        String kind = n.kind();
        if (TWO_PORT_OPS.contains(kind)) {
            return List.of(0, 1);
        }
        if (INPUT_ONLY_OPS.contains(kind) || isScaleShiftMultiply(n)) {
            return List.of(0);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n.inputCount(); i++) {
            all.add(i);
        }
        return all;
    }

    /** A Multiply with a constant second input whose consumer is an Add with a constant second input. */
    private boolean isScaleShiftMultiply(Node n) {
        if (!OpKinds.MULTIPLY.equals(n.kind()) || !facts.hasConstantInput(n, 1)) {
            return false;
        }
        List<InputRef> consumers = facts.consumers(n, 0);
        if (consumers.size() != 1) {
            return false;
        }
        Node add = facts.graph().requireNode(consumers.get(0).node());
        return OpKinds.ADD.equals(add.kind()) && facts.hasConstantInput(add, 1);
    }

    private void propagate() {
        Set<InputRef> initiallyCovered = new HashSet<>();
        for (Quantizer q : quantizers.values()) {
            if (q.group == QuantizerGroup.ACTIVATIONS) {
                initiallyCovered.addAll(q.consumers);
            }
        }
        Map<String, Boolean> ascendable = new HashMap<>();
        PriorityQueue<Quantizer> queue = new PriorityQueue<>(Comparator.comparing(q -> q.name));
        for (Quantizer q : quantizers.values()) {
            if (q.group == QuantizerGroup.ACTIVATIONS) {
                queue.add(q);
            }
        }
        while (!queue.isEmpty()) {
            Quantizer q = queue.poll();
            if (!quantizers.containsKey(q.name) || quantizers.get(q.name) != q) {
                continue;
            }
            Node producer = facts.graph().requireNode(q.source.node());
            List<Integer> targets = jumpTargets(producer);
            if (targets.isEmpty() || !canAscend(producer, initiallyCovered, ascendable)) {
                continue;
            }
            remove(q);
            for (int port : targets) {
                InputRef target = new InputRef(producer.name(), port);
                if (byConsumer.containsKey(target)) {
                    continue; // merged into the quantizer already there
                }
                Quantizer lifted = new Quantizer(producer.name() + "/fq_input_" + port, QuantizerGroup.ACTIVATIONS,
                        producer.input(port).get(), target);
                add(lifted);
                queue.add(lifted);
            }
        }
    }

    /** The producer's inputs a quantizer moves to, or none when it does not move through this op. */
    private List<Integer> jumpTargets(Node producer) {
        String kind = producer.kind();
        if (!hardware.isAgnostic(kind) || skipped.contains(producer.name())) {
            return List.of();
        }
        List<Integer> targets = new ArrayList<>();
        if (JUMP_TO_INPUT_0.contains(kind)) {
            targets.add(0);
        } else if (OpKinds.CONCAT.equals(kind) || JUMP_TO_DATA_INPUTS.contains(kind)) {
            for (int i = 0; i < producer.inputCount(); i++) {
                if (producer.input(i).isPresent() && !facts.isConstant(producer.input(i).get().node())) {
                    targets.add(i);
                }
            }
        }
        targets.removeIf(i -> producer.input(i).isEmpty() || facts.isConstant(producer.input(i).get().node()));
        return targets;
    }

    /**
     * POT's skip-ascent map: a quantizer may move above {@code node} only when every consumer of every output of
     * {@code node} is quantized, directly or through agnostic ops that are themselves ascendable.
     */
    private boolean canAscend(Node node, Set<InputRef> covered, Map<String, Boolean> memo) {
        Boolean known = memo.get(node.name());
        if (known != null) {
            return known;
        }
        memo.put(node.name(), false); // guards against revisiting
        boolean ok = hardware.isAgnostic(node.kind()) && !skipped.contains(node.name());
        for (int p = 0; ok && p < node.outputs().size(); p++) {
            List<InputRef> consumers = facts.consumers(node, p);
            for (InputRef c : consumers) {
                if (covered.contains(c)) {
                    continue;
                }
                Node consumer = facts.graph().requireNode(c.node());
                if (!canAscend(consumer, covered, memo)) {
                    ok = false;
                    break;
                }
            }
        }
        memo.put(node.name(), ok);
        return ok;
    }

    private void deduplicate() {
        Map<PortRef, Quantizer> first = new HashMap<>();
        List<Quantizer> sorted = new ArrayList<>(quantizers.values());
        sorted.sort(Comparator.comparing(q -> q.name));
        for (Quantizer q : sorted) {
            Quantizer kept = first.putIfAbsent(q.source, q);
            if (kept != null) {
                remove(q);
                for (InputRef c : q.consumers) {
                    kept.consumers.add(c);
                    byConsumer.put(c, kept);
                }
            }
        }
    }

    private void dropIntegerTensors() {
        for (Quantizer q : new ArrayList<>(quantizers.values())) {
            if (INTEGER_TYPES.contains(facts.graph().outputPort(q.source).elementType())) {
                remove(q);
            }
        }
    }

    private void add(Quantizer q) {
        Quantizer clash = quantizers.get(q.name);
        if (clash != null) {
            remove(clash);
        }
        quantizers.put(q.name, q);
        for (InputRef c : q.consumers) {
            byConsumer.put(c, q);
        }
    }

    private void remove(Quantizer q) {
        quantizers.remove(q.name, q);
        for (InputRef c : q.consumers) {
            byConsumer.remove(c, q);
        }
    }

    /** A quantizer being placed. */
    private static final class Quantizer {
        final String name;
        final QuantizerGroup group;
        final PortRef source;
        final Set<InputRef> consumers = new LinkedHashSet<>();

        Quantizer(String name, QuantizerGroup group, PortRef source, InputRef consumer) {
            this.name = name;
            this.group = group;
            this.source = source;
            this.consumers.add(consumer);
        }
    }
}
