package org.pot4j.quantization.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;

/**
 * Output quantizers for runtimes that run a convolution as an integer kernel only when its output is quantized too
 * (ONNX Runtime's {@code DQ -> Conv -> Q} unit; {@link org.pot4j.api.quantization.QuantizerConstraints}). POT places
 * quantizers on the inputs of ops, so a quantized convolution whose consumers are not quantized (detection heads, a
 * convolution before PReLU or Sigmoid) would stay in float there. Each such convolution gets one more quantizer,
 * {@code <op>/fq_output_0} in the {@code outputs} group, on its output after its bias and the ReLU/Clamp that alone read
 * it (their quantizer makes them redundant, so the format drops them), for all its consumers (a model
 * output too: the format keeps the output's name on the dequantized tensor); its range comes from the same statistics
 * and activation estimators as every other activation quantizer.
 *
 * <p>Consumers in the user's ignored scope (or reached through value-moving ops only) are left out: an ignored op
 * reads its input in float, as POT leaves it; in ONNX a convolution reading a DequantizeLinear would also have its
 * float weights quantized per tensor by ONNX Runtime's own {@code WeightBiasQuantization}.
 */
public final class OutputQuantizers {
    private static final Set<String> CONVOLUTIONS = Set.of(OpKinds.CONVOLUTION, OpKinds.GROUP_CONVOLUTION);

    private OutputQuantizers() {
    }

    /** {@code sites} plus an output quantizer for each quantized convolution whose output nothing quantizes. */
    public static List<QuantizerSite> add(GraphFacts facts, List<QuantizerSite> sites) {
        return add(facts, sites, ComparedTensors.NONE);
    }

    /** {@link #add(GraphFacts, List)}, without output quantizers on compared tensors. */
    public static List<QuantizerSite> add(GraphFacts facts, List<QuantizerSite> sites, ComparedTensors compared) {
        return add(facts, sites, compared, IgnoredScope.NONE);
    }

    /**
     * {@link #add(GraphFacts, List, ComparedTensors)}, each output quantizer feeding only the consumers that are not
     * ignored (none when every consumer is).
     */
    public static List<QuantizerSite> add(GraphFacts facts, List<QuantizerSite> sites, ComparedTensors compared,
                                          IgnoredScope ignored) {
        Set<String> weighted = new HashSet<>();
        Set<PortRef> quantizedSources = new HashSet<>();
        for (QuantizerSite s : sites) {
            if (s.group() == QuantizerGroup.WEIGHTS) {
                s.consumers().forEach(c -> weighted.add(c.node()));
            } else {
                quantizedSources.add(s.source());
            }
        }
        List<QuantizerSite> out = new ArrayList<>(sites);
        for (Node n : facts.graph().nodes()) {
            if (!CONVOLUTIONS.contains(n.kind()) || !weighted.contains(n.name())) {
                continue;
            }
            PortRef port = pastActivations(facts, unitOutput(facts, n));
            List<InputRef> consumers = facts.graph().consumers(port).stream()
                    .filter(c -> !feedsIgnored(facts, facts.graph().requireNode(c.node()), ignored)).toList();
            if (consumers.isEmpty() || quantizedSources.contains(port) || compared.tensors().contains(port)
                    || compared.tensors().contains(unitOutput(facts, n))) {
                continue;
            }
            out.add(new QuantizerSite(n.name() + "/fq_output_0", QuantizerGroup.OUTPUTS, port, consumers));
        }
        out.sort(Comparator.comparing(QuantizerSite::name));
        return out;
    }

    /** True when {@code n} is ignored, or moves values (MaxPool, Reshape, ...) on to an ignored op. */
    private static boolean feedsIgnored(GraphFacts facts, Node n, IgnoredScope ignored) {
        if (ignored.ignores(n)) {
            return true;
        }
        if (!FakeQuantizePlacer.JUMP_TO_INPUT_0.contains(n.kind())) {
            return false;
        }
        for (int i = 0; i < n.outputs().size(); i++) {
            for (InputRef c : facts.graph().consumers(new PortRef(n.name(), i))) {
                if (feedsIgnored(facts, facts.graph().requireNode(c.node()), ignored)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The end of the chain of ReLU/Clamp that alone read {@code port}: a quantizer there makes them redundant (the
     * format removes them) and has the range of the activated values.
     */
    private static PortRef pastActivations(GraphFacts facts, PortRef port) {
        while (true) {
            List<InputRef> consumers = facts.graph().consumers(port);
            if (consumers.size() != 1) {
                return port;
            }
            Node next = facts.graph().requireNode(consumers.get(0).node());
            if (!OpKinds.RELU.equals(next.kind()) && !OpKinds.CLAMP.equals(next.kind())) {
                return port;
            }
            port = new PortRef(next.name(), 0);
        }
    }

    /** The convolution's output after its bias Add (a constant added to it alone), where the runtime's unit ends. */
    private static PortRef unitOutput(GraphFacts facts, Node conv) {
        PortRef out = new PortRef(conv.name(), 0);
        List<InputRef> consumers = facts.graph().consumers(out);
        if (consumers.size() != 1) {
            return out;
        }
        Node next = facts.graph().requireNode(consumers.get(0).node());
        boolean bias = OpKinds.ADD.equals(next.kind()) && next.inputCount() == 2
                && facts.hasConstantInput(next, 1 - consumers.get(0).port());
        return bias ? new PortRef(next.name(), 0) : out;
    }
}
