package org.pot4j.onnx.view;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.io.OnnxReader;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;
import org.pot4j.onnx.proto.OnnxMl.TensorShapeProto;
import org.pot4j.onnx.proto.OnnxMl.TypeProto;
import org.pot4j.onnx.proto.OnnxMl.ValueInfoProto;
import org.pot4j.onnx.tensor.OnnxDataTypes;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * Builds the {@link OnnxGraphView} of a ModelProto: initializers and Constant nodes become Const nodes, graph inputs
 * Parameters, graph outputs Results ({@code <output>/sink_port_0}), and every other node goes through its mapper in
 * {@link OnnxOpMappers}, with shapes inferred node by node (value_info is only a fallback: files carry stale ones).
 */
public final class OnnxViewBuilder {
    /** What is known of one ONNX value (tensor name): where the view produces it, its shape, type and constant value. */
    record Value(PortRef port, Shape shape, ElementType type, Tensor constant) {
    }

    /** A view node before the graph is built; tensor names are added as ONNX outputs are bound. */
    private static final class Pending {
        final String name;
        final String kind;
        final String nativeType;
        final Attributes attributes;
        final List<PortRef> inputs;
        final List<Shape> shapes;
        final List<ElementType> types;
        final List<List<String>> tensorNames = new ArrayList<>();
        Tensor constant;

        Pending(String name, String kind, String nativeType, Attributes attributes, List<PortRef> inputs,
                List<Shape> shapes, List<ElementType> types, Tensor constant) {
            this.name = name;
            this.kind = kind;
            this.nativeType = nativeType;
            this.attributes = attributes;
            this.inputs = inputs;
            this.shapes = new ArrayList<>(shapes);
            this.types = new ArrayList<>(types);
            this.constant = constant;
            for (int i = 0; i < shapes.size(); i++) {
                tensorNames.add(new ArrayList<>());
            }
        }
    }

    private final Path file;
    private final ModelProto model;
    private final OnnxExternalData external;
    private final OnnxOpMappers mappers;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, ValueInfoProto> declared = new HashMap<>();
    private final Map<String, Integer> readers = new HashMap<>();
    private final Map<String, Integer> origins = new HashMap<>();
    private final Set<String> synthetic = new HashSet<>();
    private final Set<String> constantNodeOfValue = new HashSet<>();

    private OnnxViewBuilder(Path file, ModelProto model, OnnxExternalData external, OnnxOpMappers mappers) {
        this.file = file;
        this.model = model;
        this.external = external;
        this.mappers = mappers;
    }

    /**
     * The view of {@code model}.
     *
     * @param file the model's file, for messages
     * @throws ModelFormatException naming the file and node that cannot be mapped or whose shapes do not fit
     */
    public static OnnxGraphView build(Path file, ModelProto model, OnnxExternalData external) {
        return new OnnxViewBuilder(file, model, external, OnnxOpMappers.standard()).run();
    }

    private OnnxGraphView run() {
        GraphProto g = model.getGraph();
        long opset = OnnxReader.defaultOpset(model);
        g.getValueInfoList().forEach(v -> declared.put(v.getName(), v));
        g.getOutputList().forEach(v -> declared.put(v.getName(), v));
        for (NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        g.getOutputList().forEach(v -> readers.merge(v.getName(), 1, Integer::sum));
        Set<String> initializerNames = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            if (initializerNames.contains(t.getName())) {
                throw ModelFormatException.inFile(file, "initializer '" + t.getName() + "' is defined twice");
            }
            Tensor value;
            try {
                value = OnnxTensors.decode(t, external::bytesOf);
            } catch (IllegalArgumentException e) {
                throw ModelFormatException.inFile(file, "initializer '" + t.getName() + "': " + e.getMessage());
            }
            initializerNames.add(t.getName());
            String name = unique(t.getName());
            pending.put(name, new Pending(name, OpKinds.CONST, "Initializer", Attributes.EMPTY, List.of(),
                    List.of(value.shape()), List.of(value.elementType()), value));
            constantNodeOfValue.add(t.getName());
            bindPort(t.getName(), new PortRef(name, 0), value.shape(), value.elementType(), value);
        }
        for (ValueInfoProto in : g.getInputList()) {
            if (initializerNames.contains(in.getName())) {
                continue; // IR < 4 lists initializers among the inputs; they stay constants
            }
            if (values.containsKey(in.getName())) {
                throw ModelFormatException.inFile(file, "input '" + in.getName() + "' is declared twice");
            }
            Shape shape = declaredShape(in);
            ElementType type = declaredType(in);
            if (shape == null || type == null) {
                throw ModelFormatException.inFile(file, "input '" + in.getName() + "' is not a tensor of known rank and type");
            }
            String name = unique(in.getName());
            pending.put(name, new Pending(name, OpKinds.PARAMETER, "Input", Attributes.EMPTY, List.of(),
                    List.of(shape), List.of(type), null));
            bindPort(in.getName(), new PortRef(name, 0), shape, type, null);
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            String base = n.getName().isEmpty() ? n.getOpType() + "_" + i : n.getName();
            OnnxNodeContext ctx = new OnnxNodeContext(this, n, i, unique(base), opset);
            try {
                OnnxOpMapper mapper = mappers.mapperFor(n.getDomain(), n.getOpType());
                for (String in : n.getInputList()) {
                    if (!in.isEmpty() && !values.containsKey(in)) {
                        throw new IllegalArgumentException("input '" + in + "' is not produced by any earlier node, "
                                + "initializer or graph input");
                    }
                }
                mapper.map(ctx);
                if (!ctx.allOutputsBound()) {
                    throw new IllegalArgumentException("the " + n.getOpType() + " mapper left an output unmapped");
                }
                if (mapper != OnnxPassThroughMapper.INSTANCE) {
                    completeShapes(ctx);
                }
                evaluateConstants(ctx);
                recordUnknownShapes(ctx, mapper == OnnxPassThroughMapper.INSTANCE);
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                throw ModelFormatException.atNode(file, ctx.name(), n.getOpType() + ": " + e.getMessage()
                        + unknownShapeHint(n));
            }
        }
        for (ValueInfoProto out : g.getOutputList()) {
            Value v = values.get(out.getName());
            if (v == null) {
                throw ModelFormatException.inFile(file, "output '" + out.getName() + "' is not produced by any node");
            }
            String name = unique(out.getName() + "/sink_port_0");
            pending.put(name, new Pending(name, OpKinds.RESULT, "Output", Attributes.EMPTY, List.of(v.port()),
                    List.of(), List.of(), null));
        }
        GraphBuilder gb = new GraphBuilder();
        for (Pending p : pending.values()) {
            List<OutputPort> outs = new ArrayList<>();
            for (int i = 0; i < p.shapes.size(); i++) {
                outs.add(new OutputPort(i, p.shapes.get(i) == null ? Shape.SCALAR : p.shapes.get(i),
                        p.types.get(i) == null ? ElementType.F32 : p.types.get(i), p.tensorNames.get(i)));
            }
            gb.add(p.name, p.kind, p.nativeType, p.attributes, p.inputs, outs, p.constant);
        }
        try {
            return new OnnxGraphView(gb.build(), origins, synthetic, computed);
        } catch (GraphBuilder.GraphException e) {
            throw ModelFormatException.inFile(file, e.getMessage());
        }
    }

    Value value(String onnxName) {
        Value v = values.get(onnxName);
        if (v == null) {
            throw new IllegalArgumentException("value '" + onnxName + "' is not produced by any earlier node");
        }
        return v;
    }

    List<PortRef> addNode(String name, String kind, String nativeType, Attributes attributes, List<PortRef> inputs,
                          List<Shape> shapes, List<ElementType> types, int onnxIndex) {
        String unique = pending.containsKey(name) ? unique(name) : name;
        markUsed(unique);
        pending.put(unique, new Pending(unique, kind, nativeType, attributes == null ? Attributes.EMPTY : attributes,
                new ArrayList<>(inputs), shapes, types, null));
        origins.put(unique, onnxIndex);
        List<PortRef> ports = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            ports.add(new PortRef(unique, i));
        }
        return ports;
    }

    PortRef addSyntheticConstant(String name, Tensor value) {
        String unique = unique(name);
        pending.put(unique, new Pending(unique, OpKinds.CONST, OpKinds.CONST, Attributes.EMPTY, List.of(),
                List.of(value.shape()), List.of(value.elementType()), value));
        synthetic.add(unique);
        return new PortRef(unique, 0);
    }

    PortRef presentConstant(String onnxName, Tensor reshaped, String fallbackName) {
        Value v = value(onnxName);
        Pending p = pending.get(v.port().node());
        if (constantNodeOfValue.contains(onnxName) && readers.getOrDefault(onnxName, 0) == 1 && p != null) {
            p.constant = reshaped;
            p.shapes.set(0, reshaped.shape());
            return v.port();
        }
        return addSyntheticConstant(fallbackName, reshaped);
    }

    /** Registers a Constant node's value as a Const view node (a weight, like an initializer). */
    void addConstantNode(String viewName, String onnxOutput, Tensor value, String nativeType, int onnxIndex) {
        String unique = pending.containsKey(viewName) ? unique(viewName) : viewName;
        markUsed(unique);
        pending.put(unique, new Pending(unique, OpKinds.CONST, nativeType, Attributes.EMPTY, List.of(),
                List.of(value.shape()), List.of(value.elementType()), value));
        origins.put(unique, onnxIndex);
        constantNodeOfValue.add(onnxOutput);
        bindPort(onnxOutput, new PortRef(unique, 0), value.shape(), value.elementType(), value);
    }

    void bind(String onnxName, PortRef port) {
        Pending p = pending.get(port.node());
        Shape shape = p.shapes.get(port.port());
        ElementType type = p.types.get(port.port());
        ValueInfoProto vi = declared.get(onnxName);
        if (shape == null && vi != null) {
            shape = declaredShape(vi);
            p.shapes.set(port.port(), shape);
        }
        if (vi != null && declaredType(vi) != null && (type == null || p.types.get(port.port()) == null)) {
            type = declaredType(vi);
            p.types.set(port.port(), type);
        }
        bindPort(onnxName, port, shape, type, null);
    }

    private void bindPort(String onnxName, PortRef port, Shape shape, ElementType type, Tensor constant) {
        if (values.containsKey(onnxName)) {
            throw new IllegalArgumentException("value '" + onnxName + "' is produced twice");
        }
        values.put(onnxName, new Value(port, shape, type, constant));
        pending.get(port.node()).tensorNames.get(port.port()).add(onnxName);
    }

    void fold(String onnxName, Tensor value) {
        Value v = value(onnxName);
        values.put(onnxName, new Value(v.port(), v.shape(), v.type(), value));
        computed.put(onnxName, value);
    }

    /** Sets the shape (and type, when unknown) of a bound value and of the view port producing it. */
    private void refine(String onnxName, Shape shape, ElementType type) {
        Value v = value(onnxName);
        Pending p = pending.get(v.port().node());
        p.shapes.set(v.port().port(), shape);
        ElementType t = v.type() == null ? type : v.type();
        if (v.type() == null && type != null) {
            p.types.set(v.port().port(), type);
        }
        values.put(onnxName, new Value(v.port(), shape, t, v.constant()));
    }

    /** ONNX's rule for outputs a mapper left without a shape (an Expand to a computed shape). */
    private void completeShapes(OnnxNodeContext c) {
        NodeProto n = c.proto();
        boolean missing = false;
        for (int i = 0; i < n.getOutputCount(); i++) {
            missing |= c.outputUsed(i) && values.get(n.getOutput(i)).shape() == null;
        }
        if (!missing) {
            return;
        }
        OnnxShapeRules.infer(c).ifPresent(r -> {
            for (int i = 0; i < n.getOutputCount() && i < r.shapes().size(); i++) {
                if (c.outputUsed(i) && values.get(n.getOutput(i)).shape() == null && r.shapes().get(i) != null) {
                    refine(n.getOutput(i), r.shapes().get(i), r.types().get(i));
                }
            }
        });
    }

    /**
     * Folds a node whose inputs are all constant (initializers, Constant nodes, values folded before) and whose
     * outputs its mapper did not fold already: Split -> Concat of pads, computed Reshape targets, weights computed
     * from initializers. A node the evaluator does not know, or whose result is too large, is left to the runtime.
     */
    private void evaluateConstants(OnnxNodeContext c) {
        NodeProto n = c.proto();
        if (n.getOpType().equals("Constant") || n.getInputCount() == 0
                || !(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))) {
            return;
        }
        boolean open = false;
        for (int i = 0; i < n.getOutputCount(); i++) {
            open |= c.outputUsed(i) && values.get(n.getOutput(i)).constant() == null;
        }
        if (!open) {
            return;
        }
        List<Tensor> inputs = new ArrayList<>();
        for (String in : n.getInputList()) {
            if (in.isEmpty()) {
                inputs.add(null);
                continue;
            }
            Tensor t = values.get(in).constant();
            if (t == null) {
                return;
            }
            inputs.add(t);
        }
        java.util.Optional<List<Tensor>> result;
        try {
            result = OnnxConstantEvaluator.evaluate(c, inputs);
        } catch (RuntimeException e) {
            return; // not foldable here (too large, or a case the evaluator does not cover): the runtime computes it
        }
        if (result.isEmpty()) {
            return;
        }
        for (int i = 0; i < n.getOutputCount() && i < result.get().size(); i++) {
            Tensor t = result.get().get(i);
            if (!c.outputUsed(i) || t == null || values.get(n.getOutput(i)).constant() != null) {
                continue;
            }
            Value v = values.get(n.getOutput(i));
            if (v.shape() == null || !v.shape().isStatic()) {
                refine(n.getOutput(i), t.shape(), t.elementType());
            }
            fold(n.getOutput(i), t);
        }
    }

    /** Where an output of unknown shape comes from: an op without a shape rule, named in later errors. */
    private record UnknownShape(String op, String node) {
    }

    private final Map<String, UnknownShape> unknownShapes = new HashMap<>();
    private final Map<String, Tensor> computed = new LinkedHashMap<>();

    private void recordUnknownShapes(OnnxNodeContext c, boolean passThrough) {
        NodeProto n = c.proto();
        UnknownShape inherited = null;
        for (String in : n.getInputList()) {
            if (!in.isEmpty() && unknownShapes.containsKey(in)) {
                inherited = unknownShapes.get(in);
                break;
            }
        }
        for (int i = 0; i < n.getOutputCount(); i++) {
            if (!c.outputUsed(i) || values.get(n.getOutput(i)).shape() != null) {
                continue;
            }
            String domain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx") ? "" : n.getDomain() + ".";
            UnknownShape origin = inherited != null && !passThrough ? inherited
                    : new UnknownShape(domain + n.getOpType(), c.name());
            unknownShapes.put(n.getOutput(i), origin);
        }
    }

    /** The cause and the fix, when an input of {@code n} has no known shape because of an op without a shape rule. */
    private String unknownShapeHint(NodeProto n) {
        for (String in : n.getInputList()) {
            UnknownShape u = in.isEmpty() ? null : unknownShapes.get(in);
            if (u != null && values.containsKey(in) && values.get(in).shape() == null) {
                return " (input '" + in + "' has no known shape: it comes from " + u.op() + " node '" + u.node()
                        + "', an op pot4j has no shape rule for; fix: give the model value_info for that node's "
                        + "outputs (onnx.shape_inference.infer_shapes with the op's schema registered), or a mapper for "
                        + u.op() + " in OnnxOpMappers)";
            }
        }
        return "";
    }

    void alias(String onnxOutput, String onnxInput) {
        Value v = value(onnxInput);
        if (values.containsKey(onnxOutput)) {
            throw new IllegalArgumentException("value '" + onnxOutput + "' is produced twice");
        }
        values.put(onnxOutput, v);
        List<String> names = pending.get(v.port().node()).tensorNames.get(v.port().port());
        // a graph output reached through an Identity is reported by its own name: put it first
        boolean isOutput = model.getGraph().getOutputList().stream().anyMatch(o -> o.getName().equals(onnxOutput));
        names.add(isOutput ? 0 : names.size(), onnxOutput);
    }

    private final Set<String> used = new HashSet<>();

    private void markUsed(String name) {
        used.add(name);
    }

    private String unique(String base) {
        String name = base;
        for (int k = 1; used.contains(name) || pending.containsKey(name); k++) {
            name = base + "_" + k;
        }
        used.add(name);
        return name;
    }

    private static Shape declaredShape(ValueInfoProto v) {
        TypeProto t = v.getType();
        if (!t.hasTensorType() || !t.getTensorType().hasShape()) {
            return null;
        }
        TensorShapeProto s = t.getTensorType().getShape();
        long[] dims = new long[s.getDimCount()];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = s.getDim(i);
            // dim_param (a symbolic size) and absent sizes are dynamic; so is a nonsensical 0 on a batch-like axis
            dims[i] = d.hasDimValue() && d.getDimValue() >= 0 ? d.getDimValue() : Shape.DYNAMIC;
        }
        return Shape.of(dims);
    }

    private static ElementType declaredType(ValueInfoProto v) {
        TypeProto t = v.getType();
        if (!t.hasTensorType()) {
            return null;
        }
        return OnnxDataTypes.elementType(t.getTensorType().getElemType()).orElse(null);
    }
}
