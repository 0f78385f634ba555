package org.pot4j.api.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pot4j.api.tensor.Tensor;

/** A node of the neutral graph view: one operation with its canonical kind, attributes, inputs and outputs. */
public interface Node {
    /** {@return the node's name, unique within its graph} */
    String name();

    /** {@return the canonical op kind (OpenVINO opset spelling, see {@link OpKinds}), the same for every format} */
    String kind();

    /** {@return the op type as the model file spells it ({@code Convolution} in IR, {@code Conv} in ONNX)} */
    String nativeType();

    /** {@return the attributes in the canonical spelling of {@link #kind()} (OpenVINO opset names and conventions)} */
    Attributes attributes();

    /** {@return the number of input ports, absent optional inputs included} */
    int inputCount();

    /**
     * The producer of one input.
     *
     * @param port the input port index, below {@link #inputCount()}
     * @return the producer's output port, or empty for an absent optional input
     */
    Optional<PortRef> input(int port);

    /** {@return the producers of all present inputs, in port order} */
    default List<PortRef> inputs() {
        List<PortRef> out = new ArrayList<>();
        for (int i = 0; i < inputCount(); i++) {
            input(i).ifPresent(out::add);
        }
        return out;
    }

    /** {@return the outputs, in port order} */
    List<OutputPort> outputs();

    /**
     * One output.
     *
     * @param index the output port index
     * @return its description
     * @throws IndexOutOfBoundsException when the node has no such output
     */
    default OutputPort output(int index) {
        return outputs().get(index);
    }

    /** {@return the value of a constant node; empty for every other node} */
    Optional<Tensor> constantValue();

    /** {@return true for a {@link OpKinds#CONST} node} */
    default boolean isConstant() {
        return OpKinds.CONST.equals(kind());
    }
}
