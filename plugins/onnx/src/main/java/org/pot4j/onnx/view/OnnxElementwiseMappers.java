package org.pot4j.onnx.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Unary and binary elementwise ops, PRelu/LeakyRelu to PReLU, Clip to Clamp and Cast to Convert. */
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
            Map.entry("Not", "LogicalNot"));

    private static final Map<String, String> BINARY = Map.ofEntries(
            Map.entry("Add", OpKinds.ADD), Map.entry("Sub", OpKinds.SUBTRACT), Map.entry("Mul", OpKinds.MULTIPLY),
            Map.entry("Div", OpKinds.DIVIDE), Map.entry("Pow", OpKinds.POWER), Map.entry("Max", OpKinds.MAXIMUM),
            Map.entry("Min", OpKinds.MINIMUM), Map.entry("Mod", "FloorMod"), Map.entry("And", "LogicalAnd"),
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
    }

    static void binary(OnnxNodeContext c, String kind, ElementType type) {
        if (c.inputCount() != 2) {
            // Max/Min take any number of inputs; pot4j maps the common two-input form
            throw c.fail(c.inputCount() + " inputs are not supported (only 2)");
        }
        Shape out = OnnxShapes.broadcast(c.shape(0), c.shape(1));
        c.emit(kind, OnnxNodeContext.numpy(), List.of(c.in(0), c.in(1)), out, type);
    }

    static void prelu(OnnxNodeContext c) {
        // ONNX Runtime broadcasts the slope numpy-style, so the output may grow beyond X's shape (as in a broken
        // export whose slope is [C,1,1] for a [N,C] input); the consumers' shape checks then report it
        c.emit(OpKinds.PRELU, Attributes.EMPTY, List.of(c.in(0), c.in(1)),
                OnnxShapes.broadcast(c.shape(0), c.shape(1)), c.type(0));
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
            min = c.has(1) ? c.requireConstant(1, "min").getFloat(0) : -Float.MAX_VALUE;
            max = c.has(2) ? c.requireConstant(2, "max").getFloat(0) : Float.MAX_VALUE;
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
        c.emit(OpKinds.CONVERT, Attributes.of(Map.of("destination_type", type.irName())), List.of(c.in(0)),
                c.shape(0), type);
        c.constant(0).ifPresent(v -> c.fold(0, v.convert(type)));
    }
}
