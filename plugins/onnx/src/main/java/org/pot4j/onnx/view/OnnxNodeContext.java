package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;

/** What a mapper sees of one ONNX node: its inputs (ports, shapes, constant values), attributes, and how to emit. */
public final class OnnxNodeContext {
    private final OnnxViewBuilder builder;
    private final NodeProto node;
    private final int index;
    private final String name;
    private final long opset;
    private final OnnxAttributes attributes;
    private final boolean[] bound;

    OnnxNodeContext(OnnxViewBuilder builder, NodeProto node, int index, String name, long opset) {
        this.builder = builder;
        this.node = node;
        this.index = index;
        this.name = name;
        this.opset = opset;
        this.attributes = new OnnxAttributes(node);
        this.bound = new boolean[node.getOutputCount()];
    }

    /** The view name of the node (unique). */
    public String name() {
        return name;
    }

    public NodeProto proto() {
        return node;
    }

    public String opType() {
        return node.getOpType();
    }

    /** The version of the default operator set the model imports. */
    public long opset() {
        return opset;
    }

    public OnnxAttributes attr() {
        return attributes;
    }

    /** The number of ONNX inputs, absent optional ones included. */
    public int inputCount() {
        return node.getInputCount();
    }

    /** True when input {@code i} is given (not past the end, not the empty name). */
    public boolean has(int i) {
        return i < node.getInputCount() && !node.getInput(i).isEmpty();
    }

    /** The number of ONNX outputs. */
    public int outputCount() {
        return node.getOutputCount();
    }

    /** True when output {@code i} is named (so something may read it). */
    public boolean outputUsed(int i) {
        return i < node.getOutputCount() && !node.getOutput(i).isEmpty();
    }

    /** The port producing input {@code i}, or null when the input is absent. */
    public PortRef in(int i) {
        return has(i) ? builder.value(node.getInput(i)).port() : null;
    }

    /** The inferred shape of input {@code i}; null when unknown or absent. */
    public Shape shape(int i) {
        return has(i) ? builder.value(node.getInput(i)).shape() : null;
    }

    /** The shape inferred for ONNX output {@code i} once it is bound; null when unknown or unbound. */
    Shape outputShape(int i) {
        return outputUsed(i) && bound[i] ? builder.value(node.getOutput(i)).shape() : null;
    }

    /** The rank of input {@code i}, or -1 when unknown. */
    public int rank(int i) {
        Shape s = shape(i);
        return s == null ? -1 : s.rank();
    }

    /** The element type of input {@code i} (f32 when unknown). */
    public ElementType type(int i) {
        ElementType t = has(i) ? builder.value(node.getInput(i)).type() : null;
        return t == null ? ElementType.F32 : t;
    }

    /** The value of input {@code i} when it is a constant (or computable from constants). */
    public Optional<Tensor> constant(int i) {
        return has(i) ? Optional.ofNullable(builder.value(node.getInput(i)).constant()) : Optional.empty();
    }

    /** The value of input {@code i}, which must be constant. */
    public Tensor requireConstant(int i, String what) {
        return constant(i).orElseThrow(() -> new IllegalArgumentException(what + " (input " + i + " '"
                + (has(i) ? node.getInput(i) : "") + "') must be a constant"));
    }

    /** The one value of input {@code i}, which must be a constant holding exactly one element (a scalar or [1]). */
    public Tensor requireScalar(int i, String what) {
        Tensor t = requireConstant(i, what);
        if (t.elementCount() != 1) {
            throw fail(what + " (input " + i + " '" + node.getInput(i) + "') must hold one value, has shape "
                    + t.shape());
        }
        return t;
    }

    /** Fails unless input {@code i}, when its shape is known, has a rank of at least {@code min}. */
    public void requireRank(int i, int min, String what) {
        Shape s = shape(i);
        if (s != null && s.rank() < min) {
            throw fail(what + " (input " + i + " '" + node.getInput(i) + "') of shape " + s + " needs a rank of at least "
                    + min);
        }
    }

    /** Adds a constant that exists only in the view, named {@code <node>/<suffix>}. */
    public PortRef addConstant(String suffix, Tensor value) {
        return builder.addSyntheticConstant(name + "/" + suffix, value);
    }

    /**
     * Input {@code i}, a constant, presented with {@code shape} (same element count): the constant's own view node
     * when this node is its only reader, otherwise a view-only copy {@code <node>/<suffix>}.
     */
    public PortRef constantAs(int i, Shape shape, String suffix) {
        Tensor value = requireConstant(i, suffix);
        return builder.presentConstant(node.getInput(i), value.reshape(shape), name + "/" + suffix);
    }

    /**
     * Input {@code i}, a per-channel bias {@code [C]}, presented as {@code [1, C, 1...]} of rank {@code rank} for an
     * Add after a convolution: the constant itself (see {@link #constantAs}), or, when the bias is computed (the
     * int32 bias behind a DequantizeLinear of a quantized model), a Reshape {@code <node>/bias_reshape} of it.
     */
    public PortRef channelBias(int i, int rank) {
        long[] dims = OnnxShapes.filled(rank, 1);
        Optional<Tensor> value = constant(i);
        if (value.isPresent()) {
            dims[1] = value.get().elementCount();
            return constantAs(i, Shape.of(dims), "bias_value");
        }
        Shape shape = shape(i);
        if (shape.rank() != 1) {
            throw fail("the bias (input " + i + " '" + node.getInput(i) + "') must be 1-D, got " + shape);
        }
        dims[1] = shape.dim(0);
        long[] target = dims.clone();
        target[1] = -1;
        PortRef targetShape = addConstant("bias_shape", Tensor.ofLongs(Shape.of(rank), target));
        return add(name + "/bias_reshape", OpKinds.RESHAPE, Attributes.of(java.util.Map.of("special_zero", false)),
                List.of(in(i), targetShape), List.of(Shape.of(dims)), List.of(type(i))).get(0);
    }

    /** Adds a view node that does not produce any ONNX output (yet); returns its output ports. */
    public List<PortRef> add(String viewName, String kind, Attributes attributes, List<PortRef> inputs,
                             List<Shape> shapes, List<ElementType> types) {
        return builder.addNode(viewName, kind, node.getOpType(), attributes, inputs, shapes, types, index);
    }

    /** Adds a one-output view node called {@code viewName} that produces ONNX output 0. */
    public PortRef emitAs(String viewName, String kind, Attributes attributes, List<PortRef> inputs, Shape shape,
                          ElementType type) {
        PortRef p = add(viewName, kind, attributes, inputs, listOf(shape), List.of(type)).get(0);
        bind(0, p);
        return p;
    }

    /** Adds the one-output view node of this ONNX node ({@link #name()}), producing ONNX output 0. */
    public PortRef emit(String kind, Attributes attributes, List<PortRef> inputs, Shape shape, ElementType type) {
        return emitAs(name, kind, attributes, inputs, shape, type);
    }

    /** Adds the view node of this ONNX node with one output per ONNX output. */
    public List<PortRef> emitAll(String kind, Attributes attributes, List<PortRef> inputs, List<Shape> shapes,
                                 List<ElementType> types) {
        List<PortRef> ports = add(name, kind, attributes, inputs, shapes, types);
        for (int i = 0; i < ports.size() && i < node.getOutputCount(); i++) {
            if (outputUsed(i)) {
                bind(i, ports.get(i));
            }
        }
        return ports;
    }

    /** Makes ONNX output {@code output} the tensor produced at {@code port}. */
    public void bind(int output, PortRef port) {
        builder.bind(node.getOutput(output), port);
        bound[output] = true;
    }

    /** Records the value ONNX output {@code output} will always have (shape computations on constants). */
    public void fold(int output, Tensor value) {
        builder.fold(node.getOutput(output), value);
    }

    /** Makes this Constant node a Const view node holding {@code value}, like an initializer. */
    public void bindConstantNode(Tensor value) {
        builder.addConstantNode(name, node.getOutput(0), value, node.getOpType(), index);
        bound[0] = true;
    }

    /** Makes ONNX output {@code output} another name of input {@code input} (Identity, Dropout at inference). */
    public void alias(int output, int input) {
        builder.alias(node.getOutput(output), node.getInput(input));
        bound[output] = true;
    }

    boolean allOutputsBound() {
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i] && outputUsed(i)) {
                return false;
            }
        }
        return true;
    }

    /** An error about this node; the builder adds the file and node name. */
    public IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }

    /** Attributes with numpy broadcasting, as ONNX's elementwise ops have. */
    public static Attributes numpy() {
        return Attributes.of(java.util.Map.of("auto_broadcast", "numpy"));
    }

    /** The kind of a constant, for mappers that need it. */
    static final String CONST = OpKinds.CONST;

    private static List<Shape> listOf(Shape shape) {
        List<Shape> l = new ArrayList<>(1);
        l.add(shape);
        return l;
    }
}
