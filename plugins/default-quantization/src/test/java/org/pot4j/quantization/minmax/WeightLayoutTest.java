package org.pot4j.quantization.minmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Where the output channels of each weighted op's weights are. */
class WeightLayoutTest {
    private static Node op(String kind, Map<String, Object> attributes) {
        GraphBuilder b = new GraphBuilder();
        b.add("in", OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                List.of(new OutputPort(0, Shape.of(1, 4, 4, 4), ElementType.F32, List.of())));
        b.addConstant("w", Tensor.ofFloats(new float[1], 1));
        b.add("op", kind, Attributes.of(attributes), List.of(PortRef.of("in"), PortRef.of("w")),
                List.of(new OutputPort(0, Shape.of(1, 4, 4, 4), ElementType.F32, List.of())));
        return b.build().requireNode("op");
    }

    @Test
    void eachKindHasItsChannelAxes() {
        assertEquals(new WeightLayout(0, 1, 8), WeightLayout.of(op(OpKinds.CONVOLUTION, Map.of()), 1, Shape.of(8, 4, 3, 3)));
        assertEquals(new WeightLayout(0, 2, 8), WeightLayout.of(op(OpKinds.GROUP_CONVOLUTION, Map.of()), 1,
                Shape.of(2, 4, 2, 3, 3)));
        assertEquals(new WeightLayout(0, 1, 8), WeightLayout.of(op(OpKinds.GROUP_CONVOLUTION, Map.of("group", 2)), 1,
                Shape.of(8, 2, 3, 3)), "ONNX-shaped grouped weights");
        assertEquals(new WeightLayout(1, 1, 6), WeightLayout.of(op(OpKinds.CONVOLUTION_BACKPROP_DATA, Map.of()), 1,
                Shape.of(4, 6, 3, 3)));
        assertEquals(new WeightLayout(0, 1, 5), WeightLayout.of(op(OpKinds.MAT_MUL, Map.of("transpose_b", true)), 1,
                Shape.of(5, 4)));
        assertEquals(new WeightLayout(1, 1, 5), WeightLayout.of(op(OpKinds.MAT_MUL, Map.of()), 1, Shape.of(4, 5)));
    }

    @Test
    void groupedTransposedConvolutionsArePerTensor() {
        assertTrue(WeightLayout.of(op(OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA, Map.of()), 1, Shape.of(2, 2, 3, 3, 3))
                .perTensorOnly());
        assertTrue(WeightLayout.of(op(OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA, Map.of("group", 2)), 1,
                Shape.of(4, 3, 3, 3)).perTensorOnly());
    }
}
