package org.pot4j.onnx.quantization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.quantization.FakeQuantizeSpec;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.StringStringEntryProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.tensor.OnnxTensors;
import org.pot4j.onnx.view.OnnxAttributes;

/**
 * Quantization edits on an ONNX model: a FakeQuantize becomes a QuantizeLinear/DequantizeLinear pair (uint8 for
 * unsigned and asymmetric activations, int8 for signed symmetric activations and for weights, per-axis where the
 * range is per channel); weight compression stores int8 initializers feeding the DequantizeLinear; quantization
 * parameters go to {@code metadata_props}.
 */
public final class OnnxQuantizationEditor implements QuantizationEditor {
    /** The prefix of the metadata entries that record quantization parameters. */
    public static final String METADATA_PREFIX = "quantization_parameters.";

    private static final System.Logger LOG = System.getLogger(OnnxQuantizationEditor.class.getName());

    private final OnnxModel model;

    public OnnxQuantizationEditor(OnnxModel model) {
        this.model = model;
        nameUnnamedNodes(model);
    }

    /**
     * Gives every unnamed ONNX node the name the view shows for it ({@code <OpType>_<index>}): inserted nodes shift
     * indices, so without this the view names that algorithms computed would move to other nodes after an edit.
     */
    private static void nameUnnamedNodes(OnnxModel model) {
        GraphProto g = model.proto().getGraph();
        boolean unnamed = g.getNodeList().stream().anyMatch(n -> n.getName().isEmpty());
        if (!unnamed) {
            return;
        }
        GraphProto.Builder b = g.toBuilder();
        for (int i = 0; i < b.getNodeCount(); i++) {
            if (b.getNode(i).getName().isEmpty()) {
                b.setNode(i, b.getNode(i).toBuilder().setName(b.getNode(i).getOpType() + "_" + i));
            }
        }
        model.setProto(model.proto().toBuilder().setGraph(b).build());
    }

    @Override
    public void insertFakeQuantize(FakeQuantizeSpec spec) {
        Graph view = model.graph();
        String input = tensorName(view, spec);
        QdqParameters qdq = QdqParameters.of(spec);
        if (qdq.axis() >= 0) {
            model.setProto(OnnxOpsetUpgrade.toOpset13(model.proto(), view, model.name()));
        }
        GraphProto.Builder g = model.proto().getGraph().toBuilder();
        String base = uniqueName(g, spec.name());
        String scaleIn = base + "/scale";
        String scaleOut = qdq.sameScales() ? scaleIn : base + "/dequantize_scale";
        String zeroPoint = base + "/zero_point";
        g.addInitializer(OnnxTensors.encode(scaleIn, qdq.scaleIn()));
        if (!qdq.sameScales()) {
            g.addInitializer(OnnxTensors.encode(scaleOut, qdq.scaleOut()));
        }
        g.addInitializer(OnnxTensors.encode(zeroPoint, qdq.zeroPoint()));
        NodeProto.Builder q = NodeProto.newBuilder().setOpType("QuantizeLinear").setName(base + "/quantize")
                .addInput(input).addInput(scaleIn).addInput(zeroPoint).addOutput(base + "/quantized");
        NodeProto.Builder dq = NodeProto.newBuilder().setOpType("DequantizeLinear").setName(base + "/dequantize")
                .addInput(base + "/quantized").addInput(scaleOut).addInput(zeroPoint).addOutput(base + "/dequantized");
        if (qdq.axis() >= 0) {
            AttributeProto axis = AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                    .setI(qdq.axis()).build();
            q.addAttribute(axis);
            dq.addAttribute(axis);
        }
        int firstConsumer = Integer.MAX_VALUE;
        Set<Integer> rewired = new HashSet<>();
        boolean graphOutput = false;
        for (InputRef c : spec.consumers()) {
            if (OpKinds.RESULT.equals(view.requireNode(c.node()).kind())) {
                graphOutput = true;
                continue;
            }
            int index = model.view().onnxNodeIndex(c.node()).orElseThrow(() -> new IllegalArgumentException(
                    "FakeQuantize '" + spec.name() + "': consumer '" + c.node() + "' is not an ONNX node"));
            firstConsumer = Math.min(firstConsumer, index);
            rewired.add(index);
        }
        if (graphOutput) {
            // the model's output keeps its name, now written by the DequantizeLinear; the producer writes a new
            // tensor, which the Q reads and the readers outside this quantizer keep reading
            String renamed = uniqueName(g, input + "/before_quantization");
            int producer = -1;
            for (int i = 0; i < g.getNodeCount() && producer < 0; i++) {
                if (g.getNode(i).getOutputList().contains(input)) {
                    producer = i;
                }
            }
            if (producer < 0) {
                throw new IllegalArgumentException("FakeQuantize '" + spec.name() + "': model output '" + input
                        + "' is not produced by a node");
            }
            for (int i = 0; i < g.getNodeCount(); i++) {
                if (i == producer || !rewired.contains(i) && g.getNode(i).getInputList().contains(input)) {
                    g.setNode(i, renamed(g.getNode(i), input, renamed));
                }
            }
            q.setInput(0, renamed);
            dq.setOutput(0, input);
            rewired.clear();
            firstConsumer = producer + 1;
        }
        for (int index : rewired) {
            NodeProto.Builder n = g.getNode(index).toBuilder();
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(input)) {
                    n.setInput(i, base + "/dequantized");
                }
            }
            g.setNode(index, n.build());
        }
        List<NodeProto> nodes = new ArrayList<>(g.getNodeList());
        nodes.add(firstConsumer, dq.build());
        nodes.add(firstConsumer, q.build());
        g.clearNode().addAllNode(nodes);
        model.setProto(model.proto().toBuilder().setGraph(g).build());
    }

    /** {@code node} with every input and output named {@code from} renamed to {@code to}. */
    private static NodeProto renamed(NodeProto node, String from, String to) {
        NodeProto.Builder b = node.toBuilder();
        for (int i = 0; i < b.getInputCount(); i++) {
            if (b.getInput(i).equals(from)) {
                b.setInput(i, to);
            }
        }
        for (int i = 0; i < b.getOutputCount(); i++) {
            if (b.getOutput(i).equals(from)) {
                b.setOutput(i, to);
            }
        }
        return b.build();
    }

    /** The ONNX tensor a spec quantizes: the first ONNX name of its source port. */
    private static String tensorName(Graph view, FakeQuantizeSpec spec) {
        List<String> names = view.outputPort(spec.source()).tensorNames();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("FakeQuantize '" + spec.name() + "': " + spec.source()
                    + " is not an ONNX tensor (a view-only intermediate)");
        }
        return names.get(0);
    }

    @Override
    public void replaceConstant(String node, Tensor value) {
        Node n = model.graph().requireNode(node);
        if (!n.isConstant() || model.view().synthetic().contains(node)) {
            throw new IllegalArgumentException("'" + node + "' is not an initializer or Constant of " + model.name());
        }
        String name = n.output(0).tensorNames().get(0);
        GraphProto.Builder g = model.proto().getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getName().equals(name)) {
                g.setInitializer(i, replaced(t.getName(), OnnxTensors.shape(t), OnnxTensors.elementType(t), value, node));
                model.setProto(model.proto().toBuilder().setGraph(g).build());
                return;
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto c = g.getNode(i);
            if ("Constant".equals(c.getOpType()) && c.getOutputCount() == 1 && c.getOutput(0).equals(name)) {
                NodeProto.Builder b = c.toBuilder();
                for (int a = 0; a < b.getAttributeCount(); a++) {
                    if (b.getAttribute(a).getName().equals("value")) {
                        TensorProto t = b.getAttribute(a).getT();
                        b.setAttribute(a, b.getAttribute(a).toBuilder().setT(replaced(t.getName(), OnnxTensors.shape(t),
                                OnnxTensors.elementType(t), value, node)));
                    }
                }
                g.setNode(i, b.build());
                model.setProto(model.proto().toBuilder().setGraph(g).build());
                return;
            }
        }
        throw new IllegalArgumentException("no initializer or Constant named '" + name + "' in " + model.name());
    }

    private static TensorProto replaced(String name, Shape shape, ElementType type, Tensor value, String node) {
        if (shape.elementCount() != value.elementCount()) {
            throw new IllegalArgumentException("constant '" + node + "' has " + shape.elementCount() + " values, not "
                    + value.elementCount());
        }
        return OnnxTensors.encode(name, value.reshape(shape).convert(type));
    }

    @Override
    public int compressWeights() {
        ModelProto proto = model.selfContainedProto();
        GraphProto.Builder g = proto.getGraph().toBuilder();
        // weights held in Constant nodes are compressed like initializers
        OnnxConstantFolding.constantNodesToInitializers(g, proto.getIrVersion() < 4);
        Map<String, Integer> initializers = new HashMap<>();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            initializers.put(g.getInitializer(i).getName(), i);
        }
        Map<String, NodeProto> producers = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getOutputList().forEach(o -> producers.put(o, n));
        }
        List<NodeProto> removed = new ArrayList<>();
        Map<String, String> renamed = new HashMap<>();
        int compressed = 0;
        for (NodeProto q : g.getNodeList()) {
            if (!"QuantizeLinear".equals(q.getOpType()) || q.getInputCount() < 3
                    || !initializers.containsKey(q.getInput(0)) || !initializers.containsKey(q.getInput(1))
                    || !initializers.containsKey(q.getInput(2))) {
                continue;
            }
            TensorProto zp = g.getInitializer(initializers.get(q.getInput(2)));
            if (OnnxTensors.elementType(zp) != ElementType.I8) {
                continue;
            }
            Tensor w = OnnxTensors.decode(g.getInitializer(initializers.get(q.getInput(0))), t -> null);
            Tensor scale = OnnxTensors.decode(g.getInitializer(initializers.get(q.getInput(1))), t -> null);
            Tensor zero = OnnxTensors.decode(zp, t -> null);
            long axis = OnnxAttributes.of(q).longValue("axis", 1);
            String name = q.getOutput(0) + "/int8";
            g.addInitializer(OnnxTensors.encode(name, QuantizeLinearMath.quantize(w.convert(ElementType.F32), scale, zero, axis)));
            renamed.put(q.getOutput(0), name);
            removed.add(q);
            compressed++;
        }
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            if (removed.contains(n)) {
                continue;
            }
            NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < b.getInputCount(); i++) {
                b.setInput(i, renamed.getOrDefault(b.getInput(i), b.getInput(i)));
            }
            kept.add(b.build());
        }
        g.clearNode().addAllNode(kept);
        removeUnreadInitializers(g);
        model.setProto(proto.toBuilder().setGraph(g).build());
        return compressed;
    }

    static void removeUnreadInitializers(GraphProto.Builder g) {
        Set<String> read = new HashSet<>();
        g.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        g.getOutputList().forEach(o -> read.add(o.getName()));
        List<TensorProto> keep = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            if (read.contains(t.getName())) {
                keep.add(t);
            } else {
                dropped.add(t.getName());
            }
        }
        g.clearInitializer().addAllInitializer(keep);
        // models of IR version < 4 also list initializers as graph inputs: a dropped one must not become an input
        List<org.pot4j.onnx.proto.OnnxMl.ValueInfoProto> inputs = new ArrayList<>(g.getInputList());
        inputs.removeIf(v -> dropped.contains(v.getName()));
        g.clearInput().addAllInput(inputs);
    }

    /**
     * Constant nodes become initializers and values computed from constants alone become initializers where the
     * model reads them ({@link OnnxConstantFolding}).
     */
    @Override
    public int foldConstants() {
        OnnxConstantFolding.Folded f = OnnxConstantFolding.fold(model.proto(), model.view().computed());
        if (f.report().changed()) {
            model.setProto(f.model());
            LOG.log(System.Logger.Level.INFO, "{0}: {1}", model.name(), f.report());
        }
        return f.report().constantNodes() + f.report().foldedValues();
    }

    @Override
    public int foldBatchNormalization() {
        ModelProto proto = model.proto();
        GraphProto.Builder g = proto.getGraph().toBuilder();
        List<String> folded = OnnxBatchNormFolding.fold(g, model.externalData());
        if (!folded.isEmpty()) {
            model.setProto(proto.toBuilder().setGraph(g).build());
        }
        return folded.size();
    }

    /**
     * Lays the QuantizeLinear/DequantizeLinear pairs out as the units ONNX Runtime runs as integer kernels
     * ({@link OnnxQdqLayout}); the values the model computes stay the same.
     */
    @Override
    public void finishQuantization() {
        GraphProto.Builder g = model.proto().getGraph().toBuilder();
        OnnxQdqLayout.Report report = OnnxQdqLayout.apply(g, model.externalData());
        model.setProto(model.proto().toBuilder().setGraph(g).build());
        LOG.log(System.Logger.Level.INFO, "{0}: QDQ laid out for ONNX Runtime: {1}", model.name(), report);
    }

    @Override
    public void setQuantizationInfo(Map<String, String> info) {
        ModelProto.Builder b = model.proto().toBuilder();
        List<StringStringEntryProto> props = new ArrayList<>();
        for (StringStringEntryProto p : b.getMetadataPropsList()) {
            if (!info.containsKey(p.getKey().replaceFirst("^" + java.util.regex.Pattern.quote(METADATA_PREFIX), ""))
                    || !p.getKey().startsWith(METADATA_PREFIX)) {
                props.add(p);
            }
        }
        new java.util.TreeMap<>(info).forEach((k, v) -> props.add(
                StringStringEntryProto.newBuilder().setKey(METADATA_PREFIX + k).setValue(v).build()));
        model.setProto(b.clearMetadataProps().addAllMetadataProps(props).build());
    }

    private static String uniqueName(GraphProto.Builder g, String name) {
        Set<String> used = new HashSet<>();
        g.getNodeList().forEach(n -> {
            used.add(n.getName());
            used.addAll(n.getOutputList());
        });
        g.getInitializerList().forEach(t -> used.add(t.getName()));
        String candidate = name;
        for (int k = 1; used.contains(candidate) || used.contains(candidate + "/quantize"); k++) {
            candidate = name + "_" + k;
        }
        return candidate;
    }
}
