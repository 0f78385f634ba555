package org.pot4j.quantization.minmax;

import java.util.Set;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Tensor;

/**
 * Values of constant ports: a Const, and the chains POT folds at load time (FP16 {@code Const -> Convert},
 * {@code Reshape}/{@code Squeeze}/{@code Unsqueeze} of a Const), as f32.
 */
public final class ConstantFolder {
    /** Ops that only change the type or the shape of a constant. */
    static final Set<String> PASS_THROUGH = Set.of(OpKinds.CONVERT, OpKinds.RESHAPE, OpKinds.SQUEEZE, OpKinds.UNSQUEEZE);

    private ConstantFolder() {
    }

    /**
     * The value at {@code port}, as f32.
     *
     * @throws AlgorithmException naming the node when the port is not such a constant
     */
    public static Tensor value(Graph graph, PortRef port) {
        Node n = graph.requireNode(port.node());
        if (n.isConstant()) {
            return n.constantValue().orElseThrow(() -> new AlgorithmException("Const '" + n.name() + "' has no value"))
                    .convert(ElementType.F32);
        }
        if (PASS_THROUGH.contains(n.kind()) && n.input(0).isPresent()) {
            Tensor in = value(graph, n.input(0).get());
            return OpKinds.CONVERT.equals(n.kind()) ? in : in.reshape(n.output(0).shape());
        }
        throw new AlgorithmException("cannot read a constant value at node '" + n.name() + "' (" + n.kind() + ")");
    }

    /** The Const at the root of the chain feeding {@code port} (the node whose value an algorithm may replace). */
    public static Node root(Graph graph, PortRef port) {
        Node n = graph.requireNode(port.node());
        while (!n.isConstant()) {
            if (!PASS_THROUGH.contains(n.kind()) || n.input(0).isEmpty()) {
                throw new AlgorithmException("node '" + n.name() + "' (" + n.kind() + ") is not a constant");
            }
            n = graph.requireNode(n.input(0).get().node());
        }
        return n;
    }
}
