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
 * Raises a model from opset 7..12 to opset 13, the first with per-axis QuantizeLinear/DequantizeLinear, which
 * per-channel quantization needs. Ops whose signature changed are rewritten: Squeeze, Unsqueeze, ReduceSum and Split
 * take their axes/sizes as inputs (13), Slice its starts/ends/axes (10), Clip its min/max and Pad its pads and value
 * (11), Dropout loses its ratio (an inference no-op); Softmax-like ops, whose meaning changed, keep their axis where
 * both meanings agree (the last one) and are otherwise spelled out as Flatten, the op, and Reshape back. Any op not known to mean the same in opset 13 fails with a message
 * naming the node, rather than being carried over silently.
 */
final class OnnxOpsetUpgrade {
    static final long TARGET = 13;
    /** Ops whose signature and meaning are the same from opset 7 to 13 (for the attributes they can carry). */
    private static final Set<String> UNCHANGED = Set.of("Conv", "ConvTranspose", "BatchNormalization", "Relu", "PRelu",
            "LeakyRelu", "Sigmoid", "Tanh", "Elu", "HardSigmoid", "Softplus", "Add", "Sub", "Mul", "Div", "Pow", "Neg",
            "Abs", "Exp", "Log", "Sqrt", "Floor", "Ceil", "Erf", "Max", "Min", "Sum", "Mean", "Concat", "Constant",
            "Gather", "Reshape", "Shape", "Transpose", "Gemm", "MatMul", "MaxPool", "AveragePool", "GlobalAveragePool",
            "GlobalMaxPool", "Flatten", "Identity", "Cast", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd",
            "ConstantOfShape", "Expand", "Equal", "Greater", "Less", "Where", "Not", "And", "Or", "Tile", "Range",
            "ArgMax", "ArgMin", "InstanceNormalization", "LRN", "QuantizeLinear", "DequantizeLinear", "Resize",
            // converted above when older than the opset that moved their attributes to inputs
            "Slice", "Pad", "Clip");
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
        if (opset < 7) {
            throw new IllegalArgumentException(modelName + ": per-channel quantization needs opset 13 and the model "
                    + "uses opset " + opset + "; only opsets 7 to 12 are upgraded");
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
                nodes.addAll(softmax(n, view, modelName));
            } else if ("Slice".equals(n.getOpType()) && opset < 10) {
                nodes.add(attributesToInputs(n, g, List.of("starts", "ends", "axes")));
            } else if ("Pad".equals(n.getOpType()) && opset < 11) {
                nodes.add(pad(n, g));
            } else if ("Clip".equals(n.getOpType()) && opset < 11) {
                nodes.add(clip(n, g));
            } else if ("Dropout".equals(n.getOpType())) {
                NodeProto.Builder b = n.toBuilder().clearAttribute();
                n.getAttributeList().stream().filter(x -> !x.getName().equals("ratio") && !x.getName().equals("is_test"))
                        .forEach(b::addAttribute);
                nodes.add(b.build());
            } else if (UNCHANGED.contains(n.getOpType()) || (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx"))) {
                nodes.add(n);
            } else if (attr != null) {
                nodes.add(n); // Squeeze, Unsqueeze, ReduceSum or Split without the attribute: the same in opset 13
            } else {
                throw new IllegalArgumentException(modelName + ": node '" + n.getName() + "' (" + n.getOpType()
                        + ") is not known to mean the same in opset 13; per-channel quantization needs opset 13");
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

    /** Moves int-list attributes (in this order, skipping absent trailing ones) to inputs 1, 2, ... */
    private static NodeProto attributesToInputs(NodeProto n, GraphProto.Builder g, List<String> names) {
        NodeProto.Builder b = n.toBuilder().clearAttribute().clearInput().addInput(n.getInput(0));
        for (String name : names) {
            AttributeProto a = attribute(n, name);
            if (a == null) {
                break;
            }
            long[] v = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            String input = n.getOutput(0) + "/" + name;
            g.addInitializer(OnnxTensors.encode(input, Tensor.ofLongs(Shape.of(v.length), v)));
            b.addInput(input);
        }
        n.getAttributeList().stream().filter(x -> !names.contains(x.getName())).forEach(b::addAttribute);
        return b.build();
    }

    /** Pad before opset 11: {@code pads} and {@code value} attributes become inputs; {@code mode} stays. */
    private static NodeProto pad(NodeProto n, GraphProto.Builder g) {
        NodeProto.Builder b = n.toBuilder().clearAttribute().clearInput().addInput(n.getInput(0));
        AttributeProto pads = attribute(n, "pads");
        long[] v = pads == null ? new long[0] : pads.getIntsList().stream().mapToLong(Long::longValue).toArray();
        g.addInitializer(OnnxTensors.encode(n.getOutput(0) + "/pads", Tensor.ofLongs(Shape.of(v.length), v)));
        b.addInput(n.getOutput(0) + "/pads");
        AttributeProto value = attribute(n, "value");
        if (value != null) {
            g.addInitializer(OnnxTensors.encode(n.getOutput(0) + "/value", Tensor.scalar(value.getF())));
            b.addInput(n.getOutput(0) + "/value");
        }
        n.getAttributeList().stream().filter(x -> x.getName().equals("mode")).forEach(b::addAttribute);
        return b.build();
    }

    /** Clip before opset 11: {@code min} and {@code max} attributes become inputs. */
    private static NodeProto clip(NodeProto n, GraphProto.Builder g) {
        NodeProto.Builder b = n.toBuilder().clearAttribute().clearInput().addInput(n.getInput(0));
        AttributeProto min = attribute(n, "min");
        AttributeProto max = attribute(n, "max");
        if (min != null || max != null) {
            String lo = n.getOutput(0) + "/min";
            g.addInitializer(OnnxTensors.encode(lo, Tensor.scalar(min == null ? -Float.MAX_VALUE : min.getF())));
            b.addInput(lo);
        }
        if (max != null) {
            String hi = n.getOutput(0) + "/max";
            g.addInitializer(OnnxTensors.encode(hi, Tensor.scalar(max.getF())));
            b.addInput(hi);
        }
        return b.build();
    }

    /**
     * A Softmax-like op in opset 13 terms: the same op where the pre-13 "coerce to 2-D at axis" meaning equals the
     * single-axis one (the axis is the last), otherwise that meaning spelled out: Flatten at the axis, the op over
     * axis 1, and a Reshape back to the input's shape (read with Shape, so dynamic shapes work), named as the view
     * shows the old op ({@code <op>/flatten}, {@code <op>}, {@code <op>/shape}, {@code <op>/restore}), so quantizers
     * placed on the view before the upgrade still find their nodes.
     */
    private static List<NodeProto> softmax(NodeProto n, Graph view, String modelName) {
        AttributeProto a = attribute(n, "axis");
        long axis = a == null ? 1 : a.getI();
        int rank = rankOf(view, n.getOutput(0));
        long normalized = axis < 0 ? axis + rank : axis;
        if (normalized < 0) {
            throw new IllegalArgumentException(modelName + ": node '" + n.getName() + "' (" + n.getOpType()
                    + ", axis " + axis + ") has an input of unknown rank; per-channel quantization needs opset 13, "
                    + "where the axis means something else");
        }
        NodeProto.Builder b = n.toBuilder().clearAttribute();
        n.getAttributeList().stream().filter(x -> !x.getName().equals("axis")).forEach(b::addAttribute);
        if (normalized == rank - 1) {
            return List.of(b.addAttribute(intAttribute("axis", rank - 1)).build());
        }
        String out = n.getOutput(0);
        String base = n.getName().isEmpty() ? out : n.getName();
        NodeProto flatten = NodeProto.newBuilder().setOpType("Flatten").setName(base + "/flatten")
                .addInput(n.getInput(0)).addOutput(out + "/2d_input").addAttribute(intAttribute("axis", normalized))
                .build();
        NodeProto op = b.setInput(0, out + "/2d_input").setOutput(0, out + "/2d").addAttribute(intAttribute("axis", 1))
                .build();
        NodeProto shape = NodeProto.newBuilder().setOpType("Shape").setName(base + "/shape")
                .addInput(n.getInput(0)).addOutput(out + "/input_shape").build();
        NodeProto reshape = NodeProto.newBuilder().setOpType("Reshape").setName(base + "/restore")
                .addInput(out + "/2d").addInput(out + "/input_shape").addOutput(out).build();
        return List.of(flatten, op, shape, reshape);
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
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
