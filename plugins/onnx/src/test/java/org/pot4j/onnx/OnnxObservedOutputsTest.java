package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.out;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Reduction.Kind;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.SerializedModel;
import org.pot4j.api.model.SerializedModel.ObservedCopy;
import org.pot4j.api.model.SerializedModel.ObservedOutput;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;
import org.pot4j.onnx.proto.OnnxMl.GraphProto;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;

/**
 * The outputs OnnxSerializedModel adds for observed ports: which nodes, their axes by opset, shared values, names that
 * cannot collide (the values ONNX Runtime computes from them: OrtInGraphReductionsTest in engines/onnxruntime).
 */
class OnnxObservedOutputsTest {
    private static final PortRef RELU = PortRef.of("relu");

    private static SerializedModel serialized(long opset, String extraTensor) {
        OnnxTestModels m = OnnxTestModels.opset(opset).irVersion(opset >= 18 ? 8 : 7)
                .input("x", 1, 3, 4, 4)
                .node("Relu", "relu", in("x"), out("y"))
                .node("Sigmoid", "sig", in("y"), out("z"));
        if (extraTensor != null) {
            m.node("Neg", "taken", in("z"), out(extraTensor)).output(extraTensor);
        }
        OnnxModel model = new OnnxModel("m", Path.of("m.onnx"), m.output("z").build(), OnnxExternalData.NONE);
        return model.extension(SerializedModel.class).orElseThrow();
    }

    private static Map<PortRef, Set<Reduction>> minAbsMaxAndChannelMean() {
        Set<Reduction> r = new LinkedHashSet<>(List.of(Reduction.perTensor(Kind.MIN), Reduction.perTensor(Kind.ABS_MAX),
                Reduction.perChannel(Kind.MEAN, 1)));
        Map<PortRef, Set<Reduction>> ports = new LinkedHashMap<>();
        ports.put(RELU, r);
        ports.put(PortRef.of("x"), Set.of());
        return ports;
    }

    private static GraphProto graph(ObservedCopy copy) throws InvalidProtocolBufferException {
        return ModelProto.parseFrom(copy.bytes()).getGraph();
    }

    private static List<NodeProto> nodes(GraphProto g, String op) {
        return g.getNodeList().stream().filter(n -> n.getOpType().equals(op)).toList();
    }

    private static long[] ints(NodeProto n, String attribute) {
        AttributeProto a = n.getAttributeList().stream().filter(x -> x.getName().equals(attribute)).findFirst()
                .orElseThrow(() -> new AssertionError(n.getName() + " has no " + attribute));
        return a.getType() == AttributeProto.AttributeType.INT ? new long[] {a.getI()}
                : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void beforeOpset18TheAxesAreAnAttributeAndAbsMaxSharesTheMinimum() throws Exception {
        ObservedCopy copy = serialized(13, null).withObservedPorts(minAbsMaxAndChannelMean());
        GraphProto g = graph(copy);
        List<NodeProto> mins = nodes(g, "ReduceMin");
        assertEquals(1, mins.size(), "one ReduceMin for MIN and ABS_MAX");
        assertArrayEquals(new long[] {1, 2, 3}, ints(mins.get(0), "axes"));
        assertArrayEquals(new long[] {0}, ints(mins.get(0), "keepdims"));
        assertEquals("y", mins.get(0).getInput(0));
        assertEquals(1, nodes(g, "ReduceMax").size());
        assertEquals(1, nodes(g, "Neg").size());
        NodeProto max = nodes(g, "Max").get(0);
        assertEquals(List.of(nodes(g, "ReduceMax").get(0).getOutput(0), nodes(g, "Neg").get(0).getOutput(0)),
                max.getInputList(), "abs_max = Max(ReduceMax, Neg(ReduceMin))");
        NodeProto cast = nodes(g, "Cast").get(0);
        assertArrayEquals(new long[] {11}, ints(cast, "to"), "the mean is taken in double");
        NodeProto mean = nodes(g, "ReduceMean").get(0);
        assertEquals(cast.getOutput(0), mean.getInput(0));
        assertArrayEquals(new long[] {2, 3}, ints(mean, "axes"), "per channel 1: every axis but 0 and 1");

        List<ObservedOutput> outs = copy.outputs();
        assertEquals(4, outs.size(), outs.toString());
        assertEquals(new ObservedOutput(mins.get(0).getOutput(0), RELU, Optional.of(Reduction.perTensor(Kind.MIN))),
                outs.get(0));
        assertEquals(max.getOutput(0), outs.get(1).output());
        assertEquals(mean.getOutput(0), outs.get(2).output());
        assertEquals(new ObservedOutput("x", PortRef.of("x"), Optional.empty()), outs.get(3), "the input, whole");
        Set<String> graphOutputs = new LinkedHashSet<>();
        g.getOutputList().forEach(o -> graphOutputs.add(o.getName()));
        for (ObservedOutput o : outs) {
            assertTrue(graphOutputs.contains(o.output()), o + " is a graph output: " + graphOutputs);
        }
    }

    @Test
    void fromOpset18TheAxesAreAConstantInput() throws Exception {
        GraphProto g = graph(serialized(18, null).withObservedPorts(minAbsMaxAndChannelMean()));
        NodeProto min = nodes(g, "ReduceMin").get(0);
        assertEquals(2, min.getInputCount());
        assertTrue(min.getAttributeList().stream().noneMatch(a -> a.getName().equals("axes")), min.toString());
        NodeProto axes = g.getNodeList().stream().filter(n -> n.getOutput(0).equals(min.getInput(1))).findFirst()
                .orElseThrow();
        assertEquals("Constant", axes.getOpType());
        assertEquals(List.of(1L, 2L, 3L), axes.getAttribute(0).getT().getInt64DataList());
        assertEquals(2, nodes(g, "Constant").size(), "one constant per set of axes: [1,2,3] and [2,3]");
    }

    @Test
    void addedNamesNeverCollideWithTheDocuments() throws Exception {
        SerializedModel plain = serialized(13, null);
        String natural = plain.withObservedPorts(Map.of(RELU, Set.of(Reduction.perTensor(Kind.MAX)))).outputs().get(0)
                .output();
        SerializedModel taken = serialized(13, natural);
        ObservedCopy copy = taken.withObservedPorts(Map.of(RELU, Set.of(Reduction.perTensor(Kind.MAX))));
        String output = copy.outputs().get(0).output();
        assertNotEquals(natural, output);
        GraphProto g = graph(copy);
        assertEquals(1, g.getNodeList().stream().filter(n -> n.getOutputList().contains(output)).count());
        assertEquals(1, g.getNodeList().stream().filter(n -> n.getOutputList().contains(natural)).count(),
                "the document's own tensor keeps its producer");
    }

    @Test
    void portsWithoutAnOnnxTensorAreRefusedNamingThem() {
        SerializedModel s = serialized(13, null);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> s.withObservedPorts(Map.of(PortRef.of("no-such-node"), Set.of())));
        assertTrue(unknown.getMessage().contains("no-such-node") && unknown.getMessage().contains("m.onnx"),
                unknown.getMessage());
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> s.withObservedPorts(Map.of(RELU, Set.of(Reduction.perChannel(Kind.MIN, 4)))));
        assertTrue(rank.getMessage().contains("rank 4"), rank.getMessage());
    }

    @Test
    void theSnapshotIgnoresLaterEditsAndTheSymbolicCopySaysWhatItIs() throws Exception {
        OnnxModel model = new OnnxModel("m", Path.of("m.onnx"), OnnxTestModels.opset(13).input("x", 1, 3)
                .node("Relu", "relu", in("x"), out("y")).output("y").build(), OnnxExternalData.NONE);
        SerializedModel s = model.extension(SerializedModel.class).orElseThrow();
        byte[] before = s.bytes();
        model.setProto(model.proto().toBuilder().setProducerName("edited").build());
        assertArrayEquals(before, s.bytes());
        assertEquals("onnx", s.format());
        SerializedModel any = s.withSymbolicBatch();
        assertTrue(any.description().startsWith("m.onnx") && any.description().contains("symbolic batch"),
                any.description());
        assertEquals(OnnxSymbolicBatch.BATCH, ModelProto.parseFrom(any.bytes()).getGraph().getInput(0).getType()
                .getTensorType().getShape().getDim(0).getDimParam());
    }
}
