package org.pot4j.quantization.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.OpKinds;

class FakeQuantizePlacerTest {
    /** name -> "group source -> consumers" for compact assertions. */
    private static Map<String, String> place(Graph g, IgnoredScope ignored) {
        Map<String, String> out = new TreeMap<>();
        for (QuantizerSite s : FakeQuantizePlacer.place(new GraphFacts(g), TestGraphs.CPU, ignored, true)) {
            out.put(s.name(), s.group().configName() + " " + s.source() + " -> " + s.consumers());
        }
        return out;
    }

    @Test
    void activationQuantizersMoveUpThroughAgnosticOps() {
        Graph g = new TestGraphs().param("in").conv("conv1", "in").op("relu", OpKinds.RELU, "conv1")
                .op("pool", OpKinds.MAX_POOL, "relu").conv("conv2", "pool").op("out", OpKinds.RESULT, "conv2").build();
        assertEquals(Map.of(
                "conv1/fq_input_0", "activations in:0 -> [conv1.in0]",
                "conv1/fq_weights_1", "weights conv1/w:0 -> [conv1.in1]",
                "conv2/fq_weights_1", "weights conv2/w:0 -> [conv2.in1]",
                "pool/fq_input_0", "activations relu:0 -> [pool.in0]"), place(g, IgnoredScope.NONE));
    }

    @Test
    void aReshapeOfActivationsWithAComputedTargetEndsTheShapeSubgraph() {
        // MT-CNN's dynamic-batch flatten: ShapeOf -> Gather -> Concat computes the target, the Reshape reads data
        Graph g = new TestGraphs().param("in").conv("conv", "in").op("relu", OpKinds.RELU, "conv")
                .op("shape", OpKinds.SHAPE_OF, "relu").constant("index").op("batch", OpKinds.GATHER, "shape", "index")
                .constant("rest").op("target", OpKinds.CONCAT, "batch", "rest")
                .op("flat", OpKinds.RESHAPE, "relu", "target").conv("fc", "flat").op("out", OpKinds.RESULT, "fc")
                .build();
        GraphFacts facts = new GraphFacts(g);
        assertTrue(facts.isShapeSubgraph("target"));
        assertFalse(facts.isShapeSubgraph("flat"));
        assertFalse(facts.isShapeSubgraph("fc"));
        Map<String, String> sites = place(g, IgnoredScope.NONE);
        assertEquals("weights fc/w:0 -> [fc.in1]", sites.get("fc/fq_weights_1"));
        assertEquals("activations relu:0 -> [flat.in0]", sites.get("flat/fq_input_0"));
    }

    @Test
    void aBranchThatIsNotQuantizedStopsTheAscent() {
        Graph g = new TestGraphs().param("in").op("relu", OpKinds.RELU, "in").op("pool", OpKinds.MAX_POOL, "relu")
                .conv("conv", "pool").op("out", OpKinds.RESULT, "conv").op("side", OpKinds.RESULT, "pool").build();
        assertEquals("activations pool:0 -> [conv.in0]", place(g, IgnoredScope.NONE).get("conv/fq_input_0"));
    }

    @Test
    void concatInputsAreQuantizedInsteadOfItsOutput() {
        Graph g = new TestGraphs().param("in").op("a", OpKinds.RELU, "in").op("b", OpKinds.SIGMOID, "in")
                .op("cat", OpKinds.CONCAT, "a", "b").conv("conv", "cat").op("out", OpKinds.RESULT, "conv").build();
        Map<String, String> sites = place(g, IgnoredScope.NONE);
        assertEquals("activations a:0 -> [cat.in0]", sites.get("cat/fq_input_0"));
        assertEquals("activations b:0 -> [cat.in1]", sites.get("cat/fq_input_1"));
        assertEquals(Set.of("cat/fq_input_0", "cat/fq_input_1", "conv/fq_weights_1"), sites.keySet());
    }

    @Test
    void quantizersOfOneTensorAreMerged() {
        Graph g = new TestGraphs().param("in").op("relu", OpKinds.RELU, "in").conv("convA", "relu").conv("convB", "relu")
                .op("sum", OpKinds.ADD, "convA", "convB").op("out", OpKinds.RESULT, "sum").build();
        Map<String, String> sites = place(g, IgnoredScope.NONE);
        assertEquals("activations relu:0 -> [convA.in0, convB.in0]", sites.get("convA/fq_input_0"));
        assertEquals(null, sites.get("convB/fq_input_0"));
        assertEquals("activations convA:0 -> [sum.in0]", sites.get("sum/fq_input_0"));
    }

    @Test
    void biasAddsAndScaleShiftsAreNotQuantized() {
        Graph g = new TestGraphs().param("in").conv("conv", "in").constant("bias").op("add", OpKinds.ADD, "conv", "bias")
                .op("relu", OpKinds.RELU, "add").constant("scale").op("mul", OpKinds.MULTIPLY, "relu", "scale")
                .constant("shift").op("shift_add", OpKinds.ADD, "mul", "shift").conv("conv2", "shift_add")
                .op("out", OpKinds.RESULT, "conv2").build();
        Map<String, String> sites = place(g, IgnoredScope.NONE);
        assertEquals(Set.of("conv/fq_input_0", "conv/fq_weights_1", "conv2/fq_input_0", "conv2/fq_weights_1"),
                sites.keySet());
        assertEquals("activations shift_add:0 -> [conv2.in0]", sites.get("conv2/fq_input_0"));
    }

    @Test
    void inputPreprocessingIsNotQuantized() {
        Graph g = new TestGraphs().param("in").constant("mean").op("sub", OpKinds.SUBTRACT, "in", "mean")
                .conv("conv", "sub").op("out", OpKinds.RESULT, "conv").build();
        Map<String, String> sites = place(g, IgnoredScope.NONE);
        assertEquals("activations sub:0 -> [conv.in0]", sites.get("conv/fq_input_0"));
        assertEquals(2, sites.size());
    }

    @Test
    void ignoredNodesGetNoQuantizersOnTheirInputs() {
        Graph g = new TestGraphs().param("in").conv("conv1", "in").conv("conv2", "conv1").op("out", OpKinds.RESULT, "conv2")
                .build();
        IgnoredScope byName = new IgnoredScope(Set.of("conv2"), List.of(), false);
        assertEquals(Set.of("conv1/fq_input_0", "conv1/fq_weights_1"), place(g, byName).keySet());
        IgnoredScope byType = new IgnoredScope(Set.of(),
                List.of(new IgnoredScope.OperationPattern("Convolution", Map.of("strides", List.of(1, 1)))), false);
        assertEquals(Set.of(), place(g, byType).keySet());
        assertEquals(Set.of(), place(g, new IgnoredScope(Set.of(), List.of(), true)).keySet());
    }
}
