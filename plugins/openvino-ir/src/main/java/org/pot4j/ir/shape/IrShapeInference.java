package org.pot4j.ir.shape;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.tensor.Shape;
import org.pot4j.ir.document.IrLayer;

/**
 * The output shapes of one layer from its input shapes, for the ops listed in {@link #CHECKED}; any other op, or an
 * op whose shape depends on a value that is not a Const (a computed Reshape target), gives no answer.
 *
 * <p>Parameter and Const are not here: their shapes come from their own {@code shape} attribute, which the reader
 * compares with the declared port directly.
 */
public final class IrShapeInference {
    /** Binary element-wise ops (numpy broadcasting unless {@code auto_broadcast="none"}). */
    static final Set<String> BINARY = Set.of("Add", "Subtract", "Multiply", "Divide", "Maximum", "Minimum", "Power",
            "SquaredDifference", "FloorMod", "Mod", "Equal", "NotEqual", "Less", "LessEqual", "Greater",
            "GreaterEqual", "LogicalAnd", "LogicalOr", "LogicalXor");
    /** Ops whose only output has the shape of input 0. */
    static final Set<String> SAME_AS_INPUT = Set.of("ReLU", "Sigmoid", "Tanh", "Exp", "Sqrt", "Log", "Abs",
            "Negative", "Floor", "Ceiling", "Clamp", "HSwish", "HSigmoid", "Swish", "Mish", "Elu", "Gelu", "Erf",
            "SoftPlus", "SoftSign", "Sign", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh",
            "Acosh", "Atanh", "Round", "LogicalNot", "Convert", "PReLU", "Selu", "HardSigmoid", "SoftMax",
            "LogSoftmax", "MVN", "NormalizeL2", "LRN");
    /** The Reduce family (constant axes, {@code keep_dims}). */
    static final Set<String> REDUCE = Set.of("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd",
            "ReduceL1", "ReduceL2", "ReduceLogicalAnd", "ReduceLogicalOr");
    /** Every op type whose output shape is inferred and compared with the declared one. */
    public static final Set<String> CHECKED;

    static {
        java.util.TreeSet<String> all = new java.util.TreeSet<>();
        all.addAll(BINARY);
        all.addAll(SAME_AS_INPUT);
        all.addAll(REDUCE);
        all.addAll(List.of("Convolution", "GroupConvolution", "MatMul", "MaxPool", "AvgPool", "Concat", "Reshape",
                "Transpose", "Squeeze", "Unsqueeze", "FakeQuantize", "Select", "ShapeOf"));
        CHECKED = java.util.Collections.unmodifiableSet(all);
    }

    private IrShapeInference() {
    }

    /**
     * The output shapes of {@code layer} given the shapes of its inputs.
     *
     * @param inputs    the shape feeding each input port, in port order
     * @param constants the values of inputs fed by small integer Consts
     * @return one shape per output (possibly fewer than the layer declares), or empty for an op not inferred here
     * @throws ShapeInferenceException when the inputs or attributes cannot be right for the op
     * @throws ArithmeticException     when a dim computation overflows a long
     */
    public static Optional<List<Shape>> infer(IrLayer layer, List<Shape> inputs, ConstantInputs constants) {
        String type = layer.type();
        if (!CHECKED.contains(type)) {
            return Optional.empty();
        }
        LayerAttributes a = new LayerAttributes(layer);
        if (BINARY.contains(type)) {
            requireInputs(inputs, 2, 2);
            return broadcast(inputs, a);
        }
        if (SAME_AS_INPUT.contains(type)) {
            requireInputs(inputs, 1, Integer.MAX_VALUE);
            return one(inputs.get(0));
        }
        if (REDUCE.contains(type)) {
            requireInputs(inputs, 2, 2);
            return LayoutShapes.reduce(inputs.get(0), constants.integers(1), a.bool("keep_dims", false)).map(List::of);
        }
        switch (type) {
            case "Convolution":
                requireInputs(inputs, 2, 2);
                return one(SpatialShapes.convolution(inputs.get(0), inputs.get(1), a));
            case "GroupConvolution":
                requireInputs(inputs, 2, 2);
                return one(SpatialShapes.groupConvolution(inputs.get(0), inputs.get(1), a));
            case "MaxPool": {
                requireInputs(inputs, 1, 1);
                Shape out = SpatialShapes.pooling(inputs.get(0), a);
                // MaxPool-8 also outputs the indices, of the same shape
                return Optional.of(layer.outputs().size() > 1 ? List.of(out, out) : List.of(out));
            }
            case "AvgPool":
                requireInputs(inputs, 1, 1);
                return one(SpatialShapes.pooling(inputs.get(0), a));
            case "MatMul":
                requireInputs(inputs, 2, 2);
                return one(BroadcastShapes.matMul(inputs.get(0), inputs.get(1), a.bool("transpose_a", false),
                        a.bool("transpose_b", false)));
            case "FakeQuantize":
                requireInputs(inputs, 5, 5);
                return broadcast(inputs, a);
            case "Select":
                requireInputs(inputs, 3, 3);
                return broadcast(inputs, a);
            case "Concat":
                requireInputs(inputs, 1, Integer.MAX_VALUE);
                return one(LayoutShapes.concat(inputs, a.requiredInteger("axis")));
            case "Reshape":
                requireInputs(inputs, 2, 2);
                return LayoutShapes.reshape(inputs.get(0), constants.integers(1), a.bool("special_zero", false))
                        .map(List::of);
            case "Transpose":
                requireInputs(inputs, 2, 2);
                return LayoutShapes.transpose(inputs.get(0), constants.integers(1)).map(List::of);
            case "Squeeze":
                requireInputs(inputs, 1, 2);
                return LayoutShapes.squeeze(inputs.get(0), inputs.size() > 1 ? constants.integers(1) : Optional.empty(),
                        inputs.size() > 1).map(List::of);
            case "Unsqueeze":
                requireInputs(inputs, 2, 2);
                return LayoutShapes.unsqueeze(inputs.get(0), constants.integers(1)).map(List::of);
            case "ShapeOf":
                requireInputs(inputs, 1, 1);
                return one(LayoutShapes.shapeOf(inputs.get(0)));
            default:
                return Optional.empty();
        }
    }

    private static Optional<List<Shape>> broadcast(List<Shape> inputs, LayerAttributes a) {
        String mode = a.string("auto_broadcast", "numpy");
        switch (mode) {
            case "numpy": return one(BroadcastShapes.numpy(inputs));
            case "none": return one(BroadcastShapes.none(inputs));
            default: return Optional.empty();
        }
    }

    private static Optional<List<Shape>> one(Shape s) {
        return Optional.of(List.of(s));
    }

    private static void requireInputs(List<Shape> inputs, int min, int max) {
        if (inputs.size() < min || inputs.size() > max) {
            String want = min == max ? Integer.toString(min) : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
            throw new ShapeInferenceException("has " + inputs.size() + " inputs, the op takes " + want);
        }
    }
}
