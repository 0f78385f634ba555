package org.pot4j.quantization.alignment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.quantization.placement.GraphFacts;

/** §7 by hand: which chains pair, and the arithmetic on one pair. */
class ChannelAlignmentTest {
    @Test
    void meansMoveIntoTheNextBiasAndScalesAreEqualised() {
        // y = [x + 0.5, 2x - 1], z = 3 y0 + 4 y1 + 0.25 = 11 x - 2.25; ranges [-1, 3] and [0, 1]
        ChannelAlignment.Aligned a = ChannelAlignment.align(Tensor.ofFloats(new float[] {1, 2}, 2, 1, 1, 1),
                Optional.of(Tensor.ofFloats(new float[] {0.5f, -1}, 1, 2, 1, 1)),
                Tensor.ofFloats(new float[] {3, 4}, 1, 2, 1, 1), Optional.of(Tensor.ofFloats(new float[] {0.25f}, 1, 1, 1, 1)),
                new double[] {-1, 0}, new double[] {3, 1});
        // amean [1, 0.5], ascale [4, 1], median 2.5, s = [1.6, 0.4]
        assertArrayEquals(new float[] {0.625f, 5f}, a.weightsIn().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.3125f, -3.75f}, a.biasIn().orElseThrow().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {4.8f, 1.6f}, a.weightsOut().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {5.25f}, a.biasOut().orElseThrow().toFloatArray(), 1e-6f);
        assertEquals(Shape.of(1, 2, 1, 1), a.biasIn().get().shape());
        // the chain computes the same function: z' = 4.8 (0.625 x - 0.3125) + 1.6 (5 x - 3.75) + 5.25
        double x = 0.7;
        assertEquals(11 * x - 2.25, 4.8 * (0.625 * x - 0.3125) + 1.6 * (5 * x - 3.75) + 5.25, 1e-9);
    }

    @Test
    void scalesAreClippedAndEmptyChannelsKept() {
        // ascale [1000, 1, 0, 0.001]: median of the positive ones (0.001, 1, 1000) = 1
        ChannelAlignment.Aligned a = ChannelAlignment.align(Tensor.ofFloats(new float[] {1, 1, 1, 1}, 4, 1, 1, 1),
                Optional.empty(), Tensor.ofFloats(new float[] {1, 1, 1, 1}, 1, 4, 1, 1), Optional.empty(),
                new double[] {0, 0, 5, 0}, new double[] {1000, 1, 5, 0.001});
        assertArrayEquals(new float[] {0.01f, 1f, 1f, 100f}, a.weightsIn().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {100f, 1f, 1f, 0.01f}, a.weightsOut().toFloatArray(), 1e-6f);
        assertEquals(Optional.empty(), a.biasIn(), "no bias, no mean shift");
    }

    @Test
    void weightsWhoseFirstAxisIsNotTheChannelAxisOnlyMoveMeans() {
        // a MatMul's [K=3, C=2] weights: POT scales only when shape[0] equals the channel count
        Tensor w = Tensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        ChannelAlignment.Aligned a = ChannelAlignment.align(w, Optional.of(Tensor.ofFloats(new float[] {0, 0}, 2)),
                Tensor.ofFloats(new float[] {1, 1}, 1, 2, 1, 1), Optional.of(Tensor.ofFloats(new float[] {0}, 1)),
                new double[] {0, 2}, new double[] {2, 6});
        assertArrayEquals(w.toFloatArray(), a.weightsIn().toFloatArray());
        assertArrayEquals(new float[] {-1, -4}, a.biasIn().orElseThrow().toFloatArray());
        assertArrayEquals(new float[] {5}, a.biasOut().orElseThrow().toFloatArray());
    }

    @Test
    void onlyLinearUnpaddedChainsPair() {
        GraphBuilder b = new GraphBuilder();
        b.add("in", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out());
        conv(b, "a", "in", "0,0");
        b.addConstant("a/b", Tensor.ofFloats(new float[4], 1, 4, 1, 1));
        b.add("a/add", OpKinds.ADD, Attributes.EMPTY, refs("a", "a/b"), out());
        conv(b, "b", "a/add", "0,0");                       // pairs with a through its bias
        b.add("relu", OpKinds.RELU, Attributes.EMPTY, refs("b"), out());
        conv(b, "c", "relu", "0,0");                        // a ReLU in between: no pair
        conv(b, "d", "c", "1,1");                           // padded: no pair
        conv(b, "e", "d", "0,0");                           // d -> e directly: a pair without biases
        b.add("sink", OpKinds.RESULT, Attributes.EMPTY, refs("e"), List.of());
        Graph g = b.build();
        List<AlignmentPair> pairs = ChannelAlignment.pairs(new GraphFacts(g));
        assertEquals(List.of("a->b", "d->e"), pairs.stream().map(p -> p.nodeIn() + "->" + p.nodeOut()).toList());
        assertEquals(PortRef.of("a/add"), pairs.get(0).activations());
        assertEquals(Optional.of(PortRef.of("a/b")), pairs.get(0).biasIn());
        assertEquals(Optional.empty(), pairs.get(1).biasIn());
    }

    private static void conv(GraphBuilder b, String name, String input, String pads) {
        b.addConstant(name + "/w", Tensor.ofFloats(new float[16], 4, 4, 1, 1));
        b.add(name, OpKinds.CONVOLUTION, Attributes.of(Map.of("strides", "1,1", "dilations", "1,1", "pads_begin", pads,
                "pads_end", pads)), refs(input, name + "/w"), out());
    }

    private static List<PortRef> refs(String... names) {
        List<PortRef> r = new ArrayList<>();
        for (String n : names) {
            r.add(PortRef.of(n));
        }
        return r;
    }

    private static List<OutputPort> out() {
        return List.of(new OutputPort(0, Shape.of(1, 4, 8, 8), ElementType.F32, List.of()));
    }
}
