package org.pot4j.onnx.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Unary and binary elementwise ops, comparisons and logical ops (boolean results), Where to Select, Mod to FloorMod
 * or Mod by {@code fmod}, BitShift to BitwiseLeftShift/BitwiseRightShift, Sum/Mean/Max/Min of any number of inputs
 * as a chain of binary ops, PRelu/LeakyRelu to PReLU, Clip to Clamp and Cast/CastLike to Convert.
 */
final class OnnxElementwiseMappers {
    private OnnxElementwiseMappers() {
    }

    private static final Map<String, String> UNARY = Map.ofEntries(
            Map.entry("Relu", OpKinds.RELU), Map.entry("Sigmoid", OpKinds.SIGMOID), Map.entry("Tanh", OpKinds.TANH),
            Map.entry("Exp", OpKinds.EXP), Map.entry("Sqrt", OpKinds.SQRT), Map.entry("Abs", "Abs"),
            Map.entry("Neg", "Negative"), Map.entry("Log", "Log"), Map.entry("Floor", OpKinds.FLOOR),
            Map.entry("Ceil", OpKinds.CEILING), Map.entry("Erf", "Erf"), Map.entry("Sin", "Sin"),
            Map.entry("Cos", "Cos"), Map.entry("Reciprocal", "Reciprocal"), Map.entry("Softplus", "SoftPlus"),
            Map.entry("HardSwish", "HSwish"), Map.entry("Round", "Round"), Map.entry("Sign", "Sign"),
            Map.entry("Not", "LogicalNot"), Map.entry("Tan", "Tan"), Map.entry("Asin", "Asin"),
            Map.entry("Acos", "Acos"), Map.entry("Atan", "Atan"), Map.entry("Sinh", "Sinh"), Map.entry("Cosh", "Cosh"),
            Map.entry("Asinh", "Asinh"), Map.entry("Acosh", "Acosh"), Map.entry("Atanh", "Atanh"),
            Map.entry("Softsign", "SoftSign"));

    private static final Map<String, String> BINARY = Map.ofEntries(
            Map.entry("Add", OpKinds.ADD), Map.entry("Sub", OpKinds.SUBTRACT), Map.entry("Mul", OpKinds.MULTIPLY),
            Map.entry("Div", OpKinds.DIVIDE), Map.entry("Pow", OpKinds.POWER), Map.entry("And", "LogicalAnd"),
            Map.entry("Or", "LogicalOr"), Map.entry("Xor", "LogicalXor"));

    private static final Map<String, String> COMPARISON = Map.of(
            "Equal", "Equal", "Less", "Less", "Greater", "Greater", "LessOrEqual", "LessEqual",
            "GreaterOrEqual", "GreaterEqual");

    static void register(Map<String, OnnxOpMapper> m) {
        UNARY.forEach((onnx, kind) -> m.put(onnx, c -> c.emit(kind, Attributes.EMPTY, List.of(c.in(0)), c.shape(0), c.type(0))));
        BINARY.forEach((onnx, kind) -> m.put(onnx, c -> binary(c, kind, c.type(0))));
        COMPARISON.forEach((onnx, kind) -> m.put(onnx, c -> binary(c, kind, ElementType.BOOLEAN)));
        m.put("PRelu", OnnxElementwiseMappers::prelu);
        m.put("LeakyRelu", OnnxElementwiseMappers::leakyRelu);
        m.put("Clip", OnnxElementwiseMappers::clip);
        m.put("Cast", OnnxElementwiseMappers::cast);
        m.put("CastLike", c -> convert(c, c.type(1)));
        m.put("IsNaN", c -> c.emit("IsNaN", Attributes.EMPTY, List.of(c.in(0)), c.shape(0), ElementType.BOOLEAN));
        m.put("IsInf", OnnxElementwiseMappers::isInf);
        m.put("Where", OnnxElementwiseMappers::where);
        m.put("Mod", c -> binary(c, c.attr().longValue("fmod", 0) != 0 ? "Mod" : "FloorMod", c.type(0)));
        m.put("BitShift", c -> binary(c, c.attr().string("direction", "").equals("LEFT")
                ? "BitwiseLeftShift" : "BitwiseRightShift", c.type(0)));
        m.put("Sum", c -> variadic(c, OpKinds.ADD));
        m.put("Max", c -> variadic(c, OpKinds.MAXIMUM));
        m.put("Min", c -> variadic(c, OpKinds.MINIMUM));
        m.put("Mean", OnnxElementwiseMappers::mean);
    }

    static void isInf(OnnxNodeContext c) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("detect_negative", c.attr().longValue("detect_negative", 1) != 0);
        a.put("detect_positive", c.attr().longValue("detect_positive", 1) != 0);
        c.emit("IsInf", Attributes.of(a), List.of(c.in(0)), c.shape(0), ElementType.BOOLEAN);
    }

    static void where(OnnxNodeContext c) {
        Shape out = OnnxShapes.broadcast(OnnxShapes.broadcast(c.shape(0), c.shape(1)), c.shape(2));
        c.emit("Select", OnnxNodeContext.numpy(), List.of(c.in(0), c.in(1), c.in(2)), out, c.type(1));
    }

    /** Inputs folded left to right through {@code kind}: {@code <node>/partial_<i>} for every step but the last. */
    private static PortRef chain(OnnxNodeContext c, String kind, boolean last) {
        PortRef acc = c.in(0);
        Shape shape = c.shape(0);
        int n = c.inputCount();
        for (int i = 1; i < n; i++) {
            shape = OnnxShapes.broadcast(shape, c.shape(i));
            String name = i == n - 1 && last ? c.name() : c.name() + "/partial_" + i;
            List<Shape> shapes = new java.util.ArrayList<>();
            shapes.add(shape);
            acc = c.add(name, kind, OnnxNodeContext.numpy(), List.of(acc, c.in(i)), shapes, List.of(c.type(0))).get(0);
        }
        return acc;
    }

    static void variadic(OnnxNodeContext c, String kind) {
        if (c.inputCount() == 1) {
            c.alias(0, 0);
            return;
        }
        Shape out = c.shape(0);
        for (int i = 1; i < c.inputCount(); i++) {
            out = OnnxShapes.broadcast(out, c.shape(i));
        }
        if (c.inputCount() == 2) {
            c.emit(kind, OnnxNodeContext.numpy(), List.of(c.in(0), c.in(1)), out, c.type(0));
            return;
        }
        c.bind(0, chain(c, kind, true));
    }

    /** Mean: the sum of every input divided by their count ({@code <node>/sum}, then the Divide {@code <node>}). */
    static void mean(OnnxNodeContext c) {
        if (c.inputCount() == 1) {
            c.alias(0, 0);
            return;
        }
        PortRef sum = chain(c, OpKinds.ADD, false);
        Shape out = c.shape(0);
        for (int i = 1; i < c.inputCount(); i++) {
            out = OnnxShapes.broadcast(out, c.shape(i));
        }
        PortRef count = c.addConstant("count", Tensor.fromFloats(c.type(0), Shape.SCALAR,
                new float[] {c.inputCount()}));
        c.emit(OpKinds.DIVIDE, OnnxNodeContext.numpy(), List.of(sum, count), out, c.type(0));
    }

    static void binary(OnnxNodeContext c, String kind, ElementType type) {
        if (c.inputCount() != 2) {
            throw c.fail(c.inputCount() + " inputs (expected 2)");
        }
        Shape out = OnnxShapes.broadcast(c.shape(0), c.shape(1));
        c.emit(kind, OnnxNodeContext.numpy(), List.of(c.in(0), c.in(1)), out, type);
    }

    static void prelu(OnnxNodeContext c) {
        // ONNX Runtime broadcasts the slope numpy-style, so the output may grow beyond X's shape (as in a broken
        // export whose slope is [C,1,1] for a [N,C] input); the consumers' shape checks then report it
        PortRef slope = c.in(1);
        Shape x = c.shape(0);
        Shape s = c.shape(1);
        if (x != null && s != null && s.rank() >= 1 && s.rank() < x.rank() && x.rank() > 2) {
            // numpy aligns a shorter slope with X's last axes; OpenVINO's PReLU would apply a 1-D slope as long as
            // the channel axis per channel, so the slope is shown with X's rank (leading 1s) to keep ONNX's meaning
            long[] dims = OnnxShapes.filled(x.rank(), 1);
            System.arraycopy(s.dims(), 0, dims, x.rank() - s.rank(), s.rank());
            Shape full = Shape.of(dims);
            if (c.constant(1).isPresent()) {
                slope = c.constantAs(1, full, "slope");
            } else {
                PortRef target = c.addConstant("slope_shape", Tensor.ofLongs(Shape.of(dims.length), dims));
                List<Shape> shapes = new java.util.ArrayList<>();
                shapes.add(full);
                slope = c.add(c.name() + "/slope_reshape", OpKinds.RESHAPE,
                        Attributes.of(Map.of("special_zero", false)), List.of(c.in(1), target), shapes,
                        List.of(c.type(1))).get(0);
            }
        }
        c.emit(OpKinds.PRELU, Attributes.EMPTY, List.of(c.in(0), slope), OnnxShapes.broadcast(x, s), c.type(0));
    }

    static void leakyRelu(OnnxNodeContext c) {
        Tensor slope = Tensor.fromFloats(c.type(0), Shape.of(1),
                new float[] {(float) c.attr().floatValue("alpha", 0.01)});
        c.emit(OpKinds.PRELU, Attributes.EMPTY, List.of(c.in(0), c.addConstant("slope", slope)), c.shape(0), c.type(0));
    }

    static void clip(OnnxNodeContext c) {
        double min;
        double max;
        if (c.opset() < 11) {
            min = c.attr().floatValue("min", -Float.MAX_VALUE);
            max = c.attr().floatValue("max", Float.MAX_VALUE);
        } else {
            min = c.has(1) ? c.requireScalar(1, "min").getFloat(0) : -Float.MAX_VALUE;
            max = c.has(2) ? c.requireScalar(2, "max").getFloat(0) : Float.MAX_VALUE;
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("min", min);
        a.put("max", max);
        c.emit(OpKinds.CLAMP, Attributes.of(a), List.of(c.in(0)), c.shape(0), c.type(0));
    }

    static void cast(OnnxNodeContext c) {
        long to = c.attr().longValue("to", 0);
        ElementType type = org.pot4j.onnx.tensor.OnnxDataTypes.elementType((int) to)
                .orElseThrow(() -> c.fail("cast to " + org.pot4j.onnx.tensor.OnnxDataTypes.name((int) to)
                        + " is not supported"));
        convert(c, type);
    }

    /** Convert to {@code type} (Cast's {@code to}, CastLike's second input's type), folded on constants. */
    static void convert(OnnxNodeContext c, ElementType type) {
        c.emit(OpKinds.CONVERT, Attributes.of(Map.of("destination_type", type.irName())), List.of(c.in(0)),
                c.shape(0), type);
        c.constant(0).ifPresent(v -> c.fold(0, v.convert(type)));
    }
}
