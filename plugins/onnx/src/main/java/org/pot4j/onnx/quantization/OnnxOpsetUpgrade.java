package org.pot4j.onnx.quantization;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.io.OnnxReader;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * Raises a model from opset 11 or 12 to opset 13, the first with per-axis QuantizeLinear/DequantizeLinear, which
 * per-channel quantization needs: the ops whose signature changed in 13 are rewritten (Squeeze, Unsqueeze,
 * ReduceSum and Split take their axes/sizes as inputs); Softmax-like ops, whose meaning changed, are accepted only
 * where both meanings agree (the axis is the last one). Anything else fails with a message naming the node.
 */
final class OnnxOpsetUpgrade {
    static final long TARGET = 13;
    private static final Set<String> AXES_TO_INPUT = Set.of("Squeeze", "Unsqueeze", "ReduceSum");
    private static final Set<String> SOFTMAX_LIKE = Set.of("Softmax", "LogSoftmax", "Hardmax");

    private OnnxOpsetUpgrade() {
    }

    /** {@code proto} at opset 13 or later ({@code proto} itself when it already is). */
    static ModelProto toOpset13(ModelProto proto, Graph view, String modelName) {
        long opset = OnnxReader.defaultOpset(proto);
        if (opset >= TARGET) {
            return proto;
        }
        if (opset < 11) {
            throw new IllegalArgumentException(modelName + ": per-channel quantization needs opset 13 and the model "
                    + "uses opset " + opset + "; only opsets 11 and 12 are upgraded");
        }
        GraphProto.Builder g = proto.getGraph().toBuilder();
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            String attr = AXES_TO_INPUT.contains(n.getOpType()) ? "axes" : "Split".equals(n.getOpType()) ? "split" : null;
            if (attr != null && attribute(n, attr) != null) {
                AttributeProto a = attribute(n, attr);
                String name = n.getOutput(0) + "/" + attr;
                long[] values = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                g.addInitializer(OnnxTensors.encode(name, Tensor.ofLongs(Shape.of(values.length), values)));
                NodeProto.Builder b = n.toBuilder().clearAttribute();
                n.getAttributeList().stream().filter(x -> !x.getName().equals(attr)).forEach(b::addAttribute);
                if (b.getInputCount() < 2) {
                    b.addInput(name);
                } else {
                    b.setInput(1, name);
                }
                nodes.add(b.build());
            } else if (SOFTMAX_LIKE.contains(n.getOpType())) {
                nodes.add(softmax(n, view, modelName));
            } else {
                nodes.add(n);
            }
        }
        g.clearNode().addAllNode(nodes);
        ModelProto.Builder m = proto.toBuilder().setGraph(g);
        for (int i = 0; i < m.getOpsetImportCount(); i++) {
            OperatorSetIdProto o = m.getOpsetImport(i);
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                m.setOpsetImport(i, o.toBuilder().setVersion(TARGET));
            }
        }
        return m.build();
    }

    /** A Softmax-like op whose pre-13 "coerce to 2-D at axis" meaning equals the single-axis one of opset 13. */
    private static NodeProto softmax(NodeProto n, Graph view, String modelName) {
        AttributeProto a = attribute(n, "axis");
        long axis = a == null ? 1 : a.getI();
        int rank = rankOf(view, n.getOutput(0));
        long normalized = axis < 0 ? axis + rank : axis;
        if (rank < 0 || normalized != rank - 1) {
            throw new IllegalArgumentException(modelName + ": node '" + n.getName() + "' (" + n.getOpType()
                    + ", axis " + axis + " of rank " + rank + ") means something else in opset 13; per-channel "
                    + "quantization needs opset 13");
        }
        NodeProto.Builder b = n.toBuilder().clearAttribute();
        n.getAttributeList().stream().filter(x -> !x.getName().equals("axis")).forEach(b::addAttribute);
        b.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(rank - 1));
        return b.build();
    }

    private static int rankOf(Graph view, String tensor) {
        for (Node node : view.nodes()) {
            for (OutputPort p : node.outputs()) {
                if (p.tensorNames().contains(tensor)) {
                    return p.shape().rank();
                }
            }
        }
        return -1;
    }

    private static AttributeProto attribute(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
