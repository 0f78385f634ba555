package org.pot4j.api.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class GraphBuilderTest {
    private static List<OutputPort> f32(long... dims) {
        return List.of(new OutputPort(0, Shape.of(dims), ElementType.F32, List.of()));
    }

    @Test
    void sortsTopologicallyAndFindsWeightsThroughConverts() {
        GraphBuilder b = new GraphBuilder();
        b.add("out", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("conv")), List.of());
        b.add("conv", OpKinds.CONVOLUTION, Attributes.of(java.util.Map.of("strides", "1,1")),
                List.of(PortRef.of("in"), PortRef.of("w/convert")), f32(1, 2, 4, 4));
        b.add("w/convert", OpKinds.CONVERT, Attributes.of(java.util.Map.of("destination_type", "f32")),
                List.of(PortRef.of("w")), f32(2, 3, 1, 1));
        b.addConstant("w", Tensor.fromFloats(ElementType.F16, Shape.of(2, 3, 1, 1), new float[6]));
        b.add("in", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), f32(1, 3, 4, 4));
        Graph g = b.build();
        List<String> order = g.nodes().stream().map(Node::name).toList();
        assertTrue(order.indexOf("w") < order.indexOf("w/convert"));
        assertTrue(order.indexOf("conv") < order.indexOf("out"));
        assertEquals("w", g.weights(g.requireNode("conv")).orElseThrow().name());
        assertEquals(List.of(new InputRef("conv", 0)), g.consumers(PortRef.of("in")));
        assertEquals("in", g.parameters().get(0).name());
        assertEquals("out", g.results().get(0).name());
        assertEquals(2, g.requireNode("conv").attributes().longs("strides").orElseThrow().length);
    }

    @Test
    void danglingInputsAndCyclesAreNamed() {
        GraphBuilder dangling = new GraphBuilder();
        dangling.add("a", OpKinds.RELU, Attributes.EMPTY, List.of(PortRef.of("ghost")), f32(1));
        assertTrue(assertThrows(GraphBuilder.GraphException.class, dangling::build).getMessage()
                .contains("node 'a' input 0 refers to missing node 'ghost'"));

        GraphBuilder badPort = new GraphBuilder();
        badPort.add("p", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), f32(1));
        badPort.add("a", OpKinds.RELU, Attributes.EMPTY, List.of(new PortRef("p", 3)), f32(1));
        assertTrue(assertThrows(GraphBuilder.GraphException.class, badPort::build).getMessage()
                .contains("missing output port 3 of node 'p'"));

        GraphBuilder cycle = new GraphBuilder();
        cycle.add("a", OpKinds.RELU, Attributes.EMPTY, List.of(PortRef.of("b")), f32(1));
        cycle.add("b", OpKinds.RELU, Attributes.EMPTY, List.of(PortRef.of("a")), f32(1));
        assertTrue(assertThrows(GraphBuilder.GraphException.class, cycle::build).getMessage()
                .contains("cycle through nodes [a, b]"));

        GraphBuilder twice = new GraphBuilder();
        twice.add("a", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), f32(1));
        assertTrue(assertThrows(GraphBuilder.GraphException.class,
                () -> twice.add("a", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), f32(1))).getMessage()
                .contains("defined twice"));
    }

    @Test
    void attributesParseIrStrings() {
        Attributes a = Attributes.of(java.util.Map.of("pads_begin", "0, 1", "levels", "256", "flag", "true",
                "scale", "0.5", "empty", ""));
        assertEquals(1L, a.longs("pads_begin").orElseThrow()[1]);
        assertEquals(256L, a.longValue("levels", 0));
        assertTrue(a.booleanValue("flag", false));
        assertEquals(0.5, a.doubleValue("scale", 0));
        assertEquals(0, a.longs("empty").orElseThrow().length);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> a.longValue("scale")).getMessage()
                .contains("attribute 'scale' is not an integer"));
    }
}
