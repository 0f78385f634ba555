package org.pot4j.quantization.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Small graphs written by hand for placement tests: every tensor is f32 [1,4,8,8]. */
final class TestGraphs {
    /** CPU-like hardware: convolutions, MatMul, Add, Multiply, AvgPool quantized; pooling and reshaping agnostic. */
    static final HardwareOps CPU = new HardwareOps() {
        private final Set<String> quantizable = Set.of("Convolution", "DepthWiseConvolution", "MatMul", "Add",
                "Multiply", "AvgPool", "ReduceMean");
        private final Set<String> agnostic = Set.of("MaxPool", "Concat", "Reshape", "Transpose", "Squeeze",
                "Unsqueeze", "StridedSlice", "Split", "VariadicSplit", "Flatten", "Pad");

        @Override
        public boolean isQuantizable(String hardwareType) {
            return quantizable.contains(hardwareType);
        }

        @Override
        public boolean isAgnostic(String opType) {
            return agnostic.contains(opType);
        }
    };

    private final GraphBuilder builder = new GraphBuilder();

    static List<OutputPort> act() {
        return List.of(new OutputPort(0, Shape.of(1, 4, 8, 8), ElementType.F32, List.of()));
    }

    TestGraphs param(String name) {
        builder.add(name, OpKinds.PARAMETER, Attributes.EMPTY, List.of(), act());
        return this;
    }

    /** A convolution with its own 4x4x1x1 weights Const named {@code <name>/w}. */
    TestGraphs conv(String name, String input) {
        builder.addConstant(name + "/w", Tensor.ofFloats(Shape.of(4, 4, 1, 1), new float[16]));
        builder.add(name, OpKinds.CONVOLUTION, Attributes.of(Map.of("strides", "1,1")),
                List.of(PortRef.of(input), PortRef.of(name + "/w")), act());
        return this;
    }

    TestGraphs op(String name, String kind, String... inputs) {
        List<PortRef> ins = new ArrayList<>();
        for (String in : inputs) {
            ins.add(PortRef.of(in));
        }
        builder.add(name, kind, Attributes.EMPTY, ins, kind.equals(OpKinds.RESULT) ? List.of() : act());
        return this;
    }

    TestGraphs constant(String name) {
        builder.addConstant(name, Tensor.ofFloats(Shape.of(1, 4, 1, 1), new float[4]));
        return this;
    }

    Graph build() {
        return builder.build();
    }
}
