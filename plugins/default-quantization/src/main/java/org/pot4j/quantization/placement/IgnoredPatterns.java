package org.pot4j.quantization.placement;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;

/**
 * POT's ignored patterns (POT_SPEC §4.3): sub-graphs whose ops get no FakeQuantize on their inputs because the
 * runtime fuses them (a bias Add into its convolution, a scale-shift into the op before it, input pre-processing,
 * softmax decompositions). {@link #mark} returns the names of the matched ops (pattern inputs and outputs excluded).
 */
public final class IgnoredPatterns {
    /** Activation functions a CPU fuses into the preceding convolution. */
    static final Set<String> FUSED_ACTIVATIONS = Set.of(OpKinds.RELU, OpKinds.PRELU, OpKinds.SIGMOID, OpKinds.TANH,
            OpKinds.CLAMP, "Swish", "HSwish", "HSigmoid", "Elu", "Gelu", "Mish", "SoftPlus");
    /** Elementwise ops that, with a constant input, are fused into the op before them on CPU. */
    static final Set<String> FUSED_ELTWISE = Set.of(OpKinds.ADD, OpKinds.MULTIPLY, OpKinds.SUBTRACT, OpKinds.DIVIDE);
    /** Ops upstream of which nothing is quantized up to the nearest weighted op (DETECTION_OUTPUT_FINAL_TYPES). */
    static final Set<String> DETECTION_FINAL = Set.of("NonMaxSuppression", "TopK");

    private final GraphFacts facts;
    private final boolean cpuPatterns;
    private final Set<String> marked = new HashSet<>();

    private IgnoredPatterns(GraphFacts facts, boolean cpuPatterns) {
        this.facts = facts;
        this.cpuPatterns = cpuPatterns;
    }

    /**
     * The ops the patterns for a target device mark as skipped.
     *
     * @param cpuPatterns true for ANY/CPU/GPU targets, which add the fused post-op patterns
     */
    public static Set<String> mark(GraphFacts facts, boolean cpuPatterns) {
        IgnoredPatterns p = new IgnoredPatterns(facts, cpuPatterns);
        p.run();
        return Set.copyOf(p.marked);
    }

    private void run() {
        for (Node n : facts.graph().nodes()) {
            operationWithBias(n);
            scaleShiftAdd(n);
            inputPreprocessing(n);
            softmax(n);
            normalizeL2(n);
            if (cpuPatterns) {
                fusedPostOps(n);
            }
            if (DETECTION_FINAL.contains(n.kind())) {
                markUpstreamToWeights(n);
            }
        }
    }

    /** {@code operation_with_bias}: the bias Add after a weighted op is never quantized. */
    private void operationWithBias(Node n) {
        biasAddOf(n).ifPresent(add -> marked.add(add.name()));
    }

    /** The single consumer of a weighted op when it is an Add with a constant input. */
    Optional<Node> biasAddOf(Node n) {
        if (!GraphFacts.hasWeights(n.kind())) {
            return Optional.empty();
        }
        Node next = singleConsumer(n);
        if (next != null && OpKinds.ADD.equals(next.kind()) && facts.hasAnyConstantInput(next)) {
            return Optional.of(next);
        }
        return Optional.empty();
    }

    /**
     * {@code scale_shift_add}: Multiply(Const) followed by Add(Const). The Multiply is the pattern's input, so only
     * the Add is marked: Intel's INT8 landmarks-regression-retail-0009 quantizes such a Multiply's input.
     */
    private void scaleShiftAdd(Node n) {
        if (isScaleShiftStart(n)) {
            marked.add(singleConsumer(n).name());
        }
    }

    private boolean isScaleShiftStart(Node n) {
        if (!OpKinds.MULTIPLY.equals(n.kind()) || !facts.hasAnyConstantInput(n)) {
            return false;
        }
        Node next = singleConsumer(n);
        return next != null && OpKinds.ADD.equals(next.kind()) && facts.hasAnyConstantInput(next);
    }

    /** Input patterns: pre-processing right after a Parameter (optionally behind Convert/Transpose) is never quantized. */
    private void inputPreprocessing(Node n) {
        if (!OpKinds.PARAMETER.equals(n.kind())) {
            return;
        }
        for (Node next : facts.consumerNodes(n)) {
            Node current = next;
            for (int hops = 0; hops < 2 && current != null
                    && (OpKinds.CONVERT.equals(current.kind()) || OpKinds.TRANSPOSE.equals(current.kind())); hops++) {
                current = singleConsumer(current);
            }
            if (current == null || !facts.hasAnyConstantInput(current)) {
                continue;
            }
            if (isScaleShiftStart(current)) {
                marked.add(current.name());
                marked.add(singleConsumer(current).name());
            } else if (OpKinds.ADD.equals(current.kind()) || OpKinds.SUBTRACT.equals(current.kind())
                    || OpKinds.MULTIPLY.equals(current.kind())) {
                marked.add(current.name());
            }
        }
    }

    /** {@code softmax}: Exp -> ReduceSum -> Power -> Multiply, and {@code softmax_div}: Exp -> ReduceSum -> Divide. */
    private void softmax(Node n) {
        if (!OpKinds.EXP.equals(n.kind())) {
            return;
        }
        for (Node sum : facts.consumerNodes(n)) {
            if (!OpKinds.REDUCE_SUM.equals(sum.kind())) {
                continue;
            }
            for (Node next : facts.consumerNodes(sum)) {
                if (OpKinds.DIVIDE.equals(next.kind())) {
                    marked.addAll(List.of(n.name(), sum.name(), next.name()));
                } else if (OpKinds.POWER.equals(next.kind())) {
                    for (Node mul : facts.consumerNodes(next)) {
                        if (OpKinds.MULTIPLY.equals(mul.kind())) {
                            marked.addAll(List.of(n.name(), sum.name(), next.name(), mul.name()));
                        }
                    }
                }
            }
        }
    }

    /** {@code normalize_l2}: the Multiply after a NormalizeL2. */
    private void normalizeL2(Node n) {
        if (OpKinds.NORMALIZE_L2.equals(n.kind())) {
            Node next = singleConsumer(n);
            if (next != null && OpKinds.MULTIPLY.equals(next.kind())) {
                marked.add(next.name());
            }
        }
    }

    /**
     * CPU post-ops: a weighted op [+ bias Add] [+ activation] followed by a ScaleShift or an eltwise op with a constant
     * input is fused, unless a node of the chain has more than one consumer.
     */
    private void fusedPostOps(Node n) {
        if (!GraphFacts.hasWeights(n.kind())) {
            return;
        }
        Node current = n;
        Node next = singleConsumer(current);
        if (next != null && biasAddOf(current).isPresent()) {
            current = next;
            next = singleConsumer(current);
        }
        if (next != null && FUSED_ACTIVATIONS.contains(next.kind())) {
            current = next;
            next = singleConsumer(current);
        }
        if (next == null) {
            return;
        }
        if (isScaleShiftStart(next)) {
            marked.add(next.name());
            marked.add(singleConsumer(next).name());
        } else if (FUSED_ELTWISE.contains(next.kind()) && facts.hasAnyConstantInput(next)) {
            marked.add(next.name());
        }
    }

    /** Everything upstream of {@code n} up to the nearest weighted op or constant. */
    private void markUpstreamToWeights(Node n) {
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(n);
        Set<String> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            Node current = queue.poll();
            if (!seen.add(current.name())) {
                continue;
            }
            marked.add(current.name());
            for (int i = 0; i < current.inputCount(); i++) {
                facts.producer(current, i).ifPresent(p -> {
                    if (!GraphFacts.hasWeights(p.kind()) && !facts.isConstant(p.name())
                            && !OpKinds.PARAMETER.equals(p.kind())) {
                        queue.add(p);
                    }
                });
            }
        }
    }

    /** The only consumer of {@code n}'s single output, or null when it has none or several. */
    private Node singleConsumer(Node n) {
        if (n.outputs().size() != 1) {
            return null;
        }
        List<InputRef> consumers = facts.consumers(n, 0);
        if (consumers.size() != 1) {
            return null;
        }
        return facts.graph().requireNode(consumers.get(0).node());
    }
}
