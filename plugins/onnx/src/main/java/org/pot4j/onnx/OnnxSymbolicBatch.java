package org.pot4j.onnx;

import java.util.HashSet;
import java.util.Set;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.proto.OnnxMl;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * Makes a model exported at batch 1 run at any batch in ONNX Runtime: axis 0 of every real graph input (not the
 * initializers an old exporter also lists as inputs) and of every output becomes the symbolic dimension {@code N},
 * recorded intermediate shapes ({@code value_info}) are dropped so nothing stale contradicts the new batch, and a
 * Reshape whose constant target starts with 1 (e.g. mobilenet's {@code [1, 1001]}) gets 0 there instead, which
 * keeps the batch of its input. Other places a batch of 1 can hide in (a Concat with a constant of batch 1, an
 * Expand, a computed shape) are left alone; ONNX Runtime then names the node when it runs.
 */
public final class OnnxSymbolicBatch {
    /** The dimension parameter put on axis 0. */
    public static final String BATCH = "N";

    private OnnxSymbolicBatch() {
    }

    /** A copy of {@code model} with a symbolic batch; the model itself is not changed. */
    public static OnnxModel of(OnnxModel model) {
        OnnxModel copy = model.copy();
        GraphProto.Builder g = copy.proto().getGraph().toBuilder();
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        for (int i = 0; i < g.getInputCount(); i++) {
            if (!initializers.contains(g.getInput(i).getName())) {
                g.setInput(i, symbolic(g.getInput(i)));
            }
        }
        for (int i = 0; i < g.getOutputCount(); i++) {
            g.setOutput(i, symbolic(g.getOutput(i)));
        }
        g.clearValueInfo();
        Set<String> targets = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            if (n.getOpType().equals("Reshape") && n.getInputCount() > 1) {
                targets.add(n.getInput(1));
            }
        }
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (targets.contains(t.getName())) {
                g.setInitializer(i, keepBatch(t, t.getName(), copy));
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1 && targets.contains(n.getOutput(0))) {
                NodeProto.Builder b = n.toBuilder();
                for (int a = 0; a < b.getAttributeCount(); a++) {
                    if (b.getAttribute(a).getName().equals("value")) {
                        TensorProto value = b.getAttribute(a).getT();
                        b.setAttribute(a, b.getAttribute(a).toBuilder().setT(keepBatch(value, value.getName(), copy)));
                    }
                }
                g.setNode(i, b);
            }
        }
        copy.setProto(copy.proto().toBuilder().setGraph(g).build());
        return copy;
    }

    /** A shape tensor {@code [1, d1, ...]} as {@code [0, d1, ...]}; anything else unchanged. */
    private static TensorProto keepBatch(TensorProto t, String name, OnnxModel model) {
        Tensor decoded = OnnxTensors.decode(t, model.externalData()::bytesOf);
        if (decoded.shape().rank() != 1 || decoded.shape().elementCount() < 2) {
            return t;
        }
        long[] shape = decoded.toLongArray();
        if (shape[0] != 1) {
            return t;
        }
        shape[0] = 0;
        return OnnxTensors.encode(name, Tensor.ofLongs(Shape.of(shape.length), shape));
    }

    private static ValueInfoProto symbolic(ValueInfoProto v) {
        if (!v.getType().getTensorType().hasShape() || v.getType().getTensorType().getShape().getDimCount() == 0) {
            return v; // an output without a recorded shape (or type) stays so: a builder would add an empty type
        }
        ValueInfoProto.Builder b = v.toBuilder();
        OnnxMl.TensorShapeProto.Builder shape = b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        if (shape.getDimCount() > 0) {
            shape.setDim(0, OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        }
        return b.build();
    }
}
