package org.pot4j.onnx.quantization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.TypeProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * Constant folding before quantization, on the ModelProto: {@code Constant} nodes become initializers (so weights held
 * in them are quantized and compressed like any other), and values that depend only on initializers and Constant
 * nodes, which the view has already computed ({@link org.pot4j.onnx.view.OnnxGraphView#computed()}), become
 * initializers where something outside that constant sub-graph reads them. Inputs an op needs as a constant (Pad's
 * pads, Reshape's shape, Resize's scales/sizes, Slice's bounds, ...) are always folded; other computed values
 * (weights computed as {@code Mul(W, s)} or {@code Transpose(W)}) only when they take no more bytes than the constants
 * they are computed from, so folding never makes a model larger (a ConstantOfShape of an activation's size stays a
 * node). Values computed from the Shape of an activation are left alone: they hold for one input size only.
 */
public final class OnnxConstantFolding {
    /** Inputs ONNX ops read as constants in practice (shape-like operands), by op type. */
    private static final Map<String, Set<Integer>> SHAPE_INPUTS = Map.ofEntries(
            Map.entry("Reshape", Set.of(1)), Map.entry("Pad", Set.of(1, 2, 3)), Map.entry("Resize", Set.of(1, 2, 3)),
            Map.entry("Upsample", Set.of(1)), Map.entry("Slice", Set.of(1, 2, 3, 4)), Map.entry("Squeeze", Set.of(1)),
            Map.entry("Unsqueeze", Set.of(1)), Map.entry("Split", Set.of(1)), Map.entry("Expand", Set.of(1)),
            Map.entry("Tile", Set.of(1)), Map.entry("ConstantOfShape", Set.of(0)), Map.entry("TopK", Set.of(1)),
            Map.entry("Clip", Set.of(1, 2)), Map.entry("OneHot", Set.of(1)), Map.entry("ReduceSum", Set.of(1)),
            Map.entry("ReduceMean", Set.of(1)), Map.entry("ReduceMax", Set.of(1)), Map.entry("ReduceMin", Set.of(1)),
            Map.entry("ReduceProd", Set.of(1)), Map.entry("ReduceL1", Set.of(1)), Map.entry("ReduceL2", Set.of(1)),
            Map.entry("Dropout", Set.of(1, 2)), Map.entry("NonMaxSuppression", Set.of(2, 3, 4)));

    /** The folded document and what the fold did. */
    public record Folded(ModelProto model, Report report) {
    }

    /** What one fold did. */
    public record Report(int constantNodes, int foldedValues, int removedNodes) {
        public boolean changed() {
            return constantNodes + foldedValues + removedNodes > 0;
        }

        @Override
        public String toString() {
            return constantNodes + " Constant nodes made initializers, " + foldedValues + " computed constants folded ("
                    + removedNodes + " nodes removed)";
        }
    }

    private OnnxConstantFolding() {
    }

    /**
     * Folds {@code model}.
     *
     * @param computed the values the view computed ({@code OnnxGraphView.computed()} of this document)
     */
    public static Folded fold(ModelProto model, Map<String, Tensor> computed) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        boolean listsInitializers = model.getIrVersion() < 4;
        int constants = constantNodesToInitializers(g, listsInitializers);
        Set<String> initializers = new HashSet<>();
        Map<String, Long> bytes = new HashMap<>();
        g.getInitializerList().forEach(t -> {
            initializers.add(t.getName());
            bytes.put(t.getName(), OnnxTensors.shape(t).elementCount() * byteWidth(t));
        });
        Map<String, NodeProto> producer = new HashMap<>();
        g.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producer.put(o, n)));
        // pure: computed from initializers (Constant nodes included now) alone, through nodes the view evaluated
        Set<String> pure = new HashSet<>(initializers);
        Set<NodeProto> pureNodes = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            boolean allPure = n.getInputCount() > 0;
            for (String in : n.getInputList()) {
                allPure &= in.isEmpty() || pure.contains(in);
            }
            boolean allComputed = true;
            for (String out : n.getOutputList()) {
                allComputed &= out.isEmpty() || computed.containsKey(out);
            }
            if (allPure && allComputed) {
                pureNodes.add(n);
                n.getOutputList().stream().filter(o -> !o.isEmpty()).forEach(pure::add);
            }
        }
        Set<String> graphOutputs = new HashSet<>();
        g.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        Map<String, Tensor> fold = new LinkedHashMap<>();
        for (NodeProto n : g.getNodeList()) {
            if (pureNodes.contains(n)) {
                continue;
            }
            for (int i = 0; i < n.getInputCount(); i++) {
                String in = n.getInput(i);
                if (in.isEmpty() || initializers.contains(in) || !pure.contains(in) || graphOutputs.contains(in)) {
                    continue;
                }
                Tensor value = computed.get(in);
                boolean shapeInput = SHAPE_INPUTS.getOrDefault(n.getOpType(), Set.of()).contains(i);
                if (shapeInput || value.byteSize() <= sourceBytes(in, producer, initializers, bytes)) {
                    fold.put(in, value);
                }
            }
        }
        // a multi-output producer goes only when every output something reads goes with it
        Set<String> read = readValues(g);
        for (String v : new ArrayList<>(fold.keySet())) {
            NodeProto p = producer.get(v);
            for (String o : p.getOutputList()) {
                if (!o.isEmpty() && !fold.containsKey(o) && read.contains(o)) {
                    fold.put(o, computed.get(o));
                }
            }
        }
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            if (n.getOutputList().stream().noneMatch(fold::containsKey)) {
                kept.add(n);
            }
        }
        int before = g.getNodeCount();
        fold.forEach((name, value) -> {
            g.addInitializer(OnnxTensors.encode(name, value));
            if (listsInitializers) {
                g.addInput(inputOf(g.getInitializer(g.getInitializerCount() - 1)));
            }
        });
        g.clearNode().addAllNode(kept);
        removeDeadConstantNodes(g, pureNodes);
        OnnxQuantizationEditor.removeUnreadInitializers(g);
        Report report = new Report(constants, fold.size(), before - g.getNodeCount());
        return new Folded(report.changed() ? model.toBuilder().setGraph(g).build() : model, report);
    }

    /**
     * Every {@code Constant} node with a tensor value becomes an initializer of its output's name (weights then read
     * like all others); a Constant that is a graph output stays.
     *
     * @return the number of nodes turned into initializers
     */
    static int constantNodesToInitializers(GraphProto.Builder g, boolean listsInitializers) {
        Set<String> graphOutputs = new HashSet<>();
        g.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        List<NodeProto> kept = new ArrayList<>();
        int converted = 0;
        for (NodeProto n : g.getNodeList()) {
            TensorProto value = "Constant".equals(n.getOpType()) && (n.getDomain().isEmpty()
                    || n.getDomain().equals("ai.onnx")) && n.getOutputCount() == 1
                    && !graphOutputs.contains(n.getOutput(0)) ? tensorValue(n) : null;
            if (value == null || value.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                kept.add(n);
                continue;
            }
            TensorProto t = value.toBuilder().setName(n.getOutput(0)).build();
            g.addInitializer(t);
            if (listsInitializers) {
                g.addInput(inputOf(t));
            }
            converted++;
        }
        if (converted > 0) {
            g.clearNode().addAllNode(kept);
        }
        return converted;
    }

    private static TensorProto tensorValue(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals("value") && a.hasT()) {
                return a.getT();
            }
        }
        return null;
    }

    private static ValueInfoProto inputOf(TensorProto t) {
        TypeProto.Tensor.Builder tt = TypeProto.Tensor.newBuilder().setElemType(t.getDataType());
        org.pot4j.onnx.proto.OnnxMl.TensorShapeProto.Builder s = org.pot4j.onnx.proto.OnnxMl.TensorShapeProto.newBuilder();
        t.getDimsList().forEach(d -> s.addDim(org.pot4j.onnx.proto.OnnxMl.TensorShapeProto.Dimension.newBuilder()
                .setDimValue(d)));
        return ValueInfoProto.newBuilder().setName(t.getName())
                .setType(TypeProto.newBuilder().setTensorType(tt.setShape(s))).build();
    }

    /** The bytes of the initializers {@code value} is computed from (each counted once). */
    private static long sourceBytes(String value, Map<String, NodeProto> producer, Set<String> initializers,
                                    Map<String, Long> bytes) {
        long total = 0;
        Set<String> seen = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(value));
        while (!stack.isEmpty()) {
            String v = stack.remove(stack.size() - 1);
            if (v.isEmpty() || !seen.add(v)) {
                continue;
            }
            if (initializers.contains(v)) {
                total += bytes.getOrDefault(v, 0L);
            } else if (producer.containsKey(v)) {
                stack.addAll(producer.get(v).getInputList());
            }
        }
        return total;
    }

    private static Set<String> readValues(GraphProto.Builder g) {
        Set<String> read = new HashSet<>();
        g.getNodeList().forEach(n -> read.addAll(n.getInputList()));
        g.getOutputList().forEach(o -> read.add(o.getName()));
        return read;
    }

    /** Nodes of the constant sub-graph nothing reads any more, removed until none is left. */
    private static void removeDeadConstantNodes(GraphProto.Builder g, Set<NodeProto> pureNodes) {
        boolean changed = true;
        while (changed) {
            Set<String> read = readValues(g);
            List<NodeProto> kept = new ArrayList<>();
            for (NodeProto n : g.getNodeList()) {
                boolean dead = pureNodes.contains(n) && n.getOutputList().stream().noneMatch(read::contains);
                if (!dead) {
                    kept.add(n);
                }
            }
            changed = kept.size() != g.getNodeCount();
            if (changed) {
                g.clearNode().addAllNode(kept);
            }
        }
    }

    private static long byteWidth(TensorProto t) {
        try {
            return OnnxTensors.elementType(t).byteSize(1);
        } catch (IllegalArgumentException e) {
            return 1; // a type pot4j does not decode (strings): never folded into, only counted
        }
    }
}
