package org.pot4j.api.graph;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read-only, format-neutral view of a model's graph. Algorithms are written against it once; each format
 * plugin maps its native document onto it.
 */
public interface Graph {
    /** Every node in a topological order (producers before consumers). */
    List<Node> nodes();

    /** The node called {@code name}. */
    Optional<Node> node(String name);

    /**
     * The node called {@code name}.
     *
     * @throws IllegalArgumentException naming the missing node
     */
    default Node requireNode(String name) {
        return node(name).orElseThrow(() -> new IllegalArgumentException("no node named '" + name + "'"));
    }

    /** The model inputs ({@link OpKinds#PARAMETER} nodes) in the model's input order. */
    List<Node> parameters();

    /** The model outputs ({@link OpKinds#RESULT} nodes) in the model's output order. */
    List<Node> results();

    /** Every input port fed by {@code output}, in a stable order. */
    List<InputRef> consumers(PortRef output);

    /** The description of output port {@code ref}. */
    default OutputPort outputPort(PortRef ref) {
        return requireNode(ref.node()).output(ref.port());
    }

    /** The node producing input {@code port} of {@code node}. */
    default Optional<Node> producer(Node node, int port) {
        return node.input(port).flatMap(ref -> node(ref.node()));
    }

    /**
     * The constant holding the weights of {@code op} (Convolution, GroupConvolution, ConvolutionBackpropData,
     * MatMul ...): the producer of input 1, followed upwards through {@link #WEIGHT_PATH_KINDS} (input 0 each) to a
     * Const. Empty when input 1 is not computed from a constant.
     */
    default Optional<Node> weights(Node op) {
        Optional<Node> current = producer(op, 1);
        for (int depth = 0; current.isPresent() && depth < 16; depth++) {
            Node n = current.get();
            if (n.isConstant()) {
                return current;
            }
            if (!WEIGHT_PATH_KINDS.contains(n.kind())) {
                return Optional.empty();
            }
            current = producer(n, 0);
        }
        return Optional.empty();
    }

    /** Ops weights may pass through between their Const and the op using them. */
    Set<String> WEIGHT_PATH_KINDS = Set.of(OpKinds.CONVERT, OpKinds.RESHAPE, OpKinds.FAKE_QUANTIZE,
            OpKinds.SQUEEZE, OpKinds.UNSQUEEZE, OpKinds.TRANSPOSE, OpKinds.SUBTRACT, OpKinds.MULTIPLY,
            OpKinds.DEQUANTIZE_LINEAR, OpKinds.QUANTIZE_LINEAR);
}
