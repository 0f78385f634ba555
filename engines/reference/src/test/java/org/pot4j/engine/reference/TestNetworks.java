package org.pot4j.engine.reference;

import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Small hand-built networks for engine-level tests. */
final class TestNetworks {
    private TestNetworks() {
    }

    private static List<OutputPort> out(String name, ElementType t, long... dims) {
        return List.of(new OutputPort(0, Shape.of(dims), t, List.of(name)));
    }

    /**
     * data [1,2,4,4] -> Convolution (3 filters 3x3, pad 1; weights Const f16 -> Convert) -> ReLU ->
     * Reshape to [batch, -1] where batch comes from ShapeOf -> Gather, as IRs converted from ONNX do.
     */
    static GraphModel convReluFlatten() {
        float[] w = new float[3 * 2 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.cos(i) / 4;
        }
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out("data", ElementType.F32, 1, 2, 4, 4));
        b.addConstant("w16", Tensor.fromFloats(ElementType.F16, Shape.of(3, 2, 3, 3), w));
        b.add("w", OpKinds.CONVERT, Attributes.of(Map.of("destination_type", "f32")), List.of(PortRef.of("w16")),
                out("w", ElementType.F32, 3, 2, 3, 3));
        b.add("conv", OpKinds.CONVOLUTION, Attributes.of(Map.of("strides", "1,1", "pads_begin", "1,1", "pads_end", "1,1",
                "dilations", "1,1", "auto_pad", "explicit")), List.of(PortRef.of("data"), PortRef.of("w")),
                out("conv", ElementType.F32, 1, 3, 4, 4));
        b.add("relu", OpKinds.RELU, Attributes.EMPTY, List.of(PortRef.of("conv")), out("relu", ElementType.F32, 1, 3, 4, 4));
        b.add("shape", OpKinds.SHAPE_OF, Attributes.of(Map.of("output_type", "i64")), List.of(PortRef.of("relu")),
                out("shape", ElementType.I64, 4));
        b.addConstant("zero", Tensor.ofLongs(Shape.of(1), 0));
        b.addConstant("axis", Tensor.ofLongs(Shape.SCALAR, 0));
        b.add("batch", OpKinds.GATHER, Attributes.EMPTY, List.of(PortRef.of("shape"), PortRef.of("zero"), PortRef.of("axis")),
                out("batch", ElementType.I64, 1));
        b.addConstant("minus", Tensor.ofLongs(Shape.of(1), -1));
        b.add("target", OpKinds.CONCAT, Attributes.of(Map.of("axis", 0L)), List.of(PortRef.of("batch"), PortRef.of("minus")),
                out("target", ElementType.I64, 2));
        b.add("flat", OpKinds.RESHAPE, Attributes.of(Map.of("special_zero", "false")),
                List.of(PortRef.of("relu"), PortRef.of("target")), out("prob", ElementType.F32, 1, 48));
        b.add("flat/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("flat")), List.of());
        return new GraphModel("conv-relu-flatten", b.build());
    }
}
