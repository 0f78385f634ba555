package org.pot4j.api.graph;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The read-only, format-neutral view of a model's graph. Algorithms are written against it once; each format
 * plugin maps its native document onto it.
 */
public interface Graph {
    /** {@return every node in a topological order (producers before consumers)} */
    List<Node> nodes();

    /**
     * Looks up a node by name.
     *
     * @param name the node's name
     * @return the node, or empty when there is none of that name
     */
    Optional<Node> node(String name);

    /**
     * Looks up a node that must exist.
     *
     * @param name the node's name
     * @return the node
     * @throws IllegalArgumentException naming the missing node
     */
    default Node requireNode(String name) {
        return node(name).orElseThrow(() -> new IllegalArgumentException("no node named '" + name + "'"));
    }

    /** {@return the model inputs ({@link OpKinds#PARAMETER} nodes) in the model's input order} */
    List<Node> parameters();

    /** {@return the model outputs ({@link OpKinds#RESULT} nodes) in the model's output order} */
    List<Node> results();

    /**
     * The readers of a tensor.
     *
     * @param output an output port
     * @return every input port it feeds, in a stable order; empty when none
     */
    List<InputRef> consumers(PortRef output);

    /**
     * What is known of the tensor at an output port before running the model.
     *
     * @param ref the output port
     * @return its shape, element type and tensor names
     * @throws IllegalArgumentException when the node does not exist
     */
    default OutputPort outputPort(PortRef ref) {
        return requireNode(ref.node()).output(ref.port());
    }

    /**
     * The node that produces one input of another.
     *
     * @param node a node of this graph
     * @param port the input port index
     * @return the producer, or empty for an absent optional input or a port the node does not have
     */
    default Optional<Node> producer(Node node, int port) {
        if (port < 0 || port >= node.inputCount()) {
            return Optional.empty();
        }
        return node.input(port).flatMap(ref -> node(ref.node()));
    }

    /**
     * The constant holding the weights of {@code op} (Convolution, GroupConvolution, ConvolutionBackpropData,
     * MatMul ...): the producer of input 1, followed upwards through {@link #WEIGHT_PATH_KINDS} (input 0 each) to a
     * Const. Empty when input 1 is not computed from a constant.
     *
     * @param op the op reading weights on input 1
     * @return the Const node holding them, or empty
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
