package org.pot4j.api.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pot4j.api.tensor.Tensor;

/** A node of the neutral graph view: one operation with its canonical kind, attributes, inputs and outputs. */
public interface Node {
    /** The node's name, unique within its graph. */
    String name();

    /** The canonical op kind (OpenVINO opset spelling, see {@link OpKinds}), the same for every format. */
    String kind();

    /** The op type as the model file spells it ({@code Convolution} in IR, {@code Conv} in ONNX). */
    String nativeType();

    /** Attributes in the canonical spelling of {@link #kind()} (OpenVINO opset names and conventions). */
    Attributes attributes();

    /** The number of input ports, absent optional inputs included. */
    int inputCount();

    /** The producer of input {@code port}; empty for an absent optional input. */
    Optional<PortRef> input(int port);

    /** The producers of all present inputs, in port order. */
    default List<PortRef> inputs() {
        List<PortRef> out = new ArrayList<>();
        for (int i = 0; i < inputCount(); i++) {
            input(i).ifPresent(out::add);
        }
        return out;
    }

    /** The outputs, in port order. */
    List<OutputPort> outputs();

    /** Output {@code index}. */
    default OutputPort output(int index) {
        return outputs().get(index);
    }

    /** The value of a constant node; empty for every other node. */
    Optional<Tensor> constantValue();

    default boolean isConstant() {
        return OpKinds.CONST.equals(kind());
    }
}
