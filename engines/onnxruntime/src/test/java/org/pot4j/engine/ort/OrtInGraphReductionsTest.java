package org.pot4j.engine.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.pot4j.testkit.HostReduction;
import org.pot4j.testkit.RecordingObserver;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * Reductions ONNX Runtime computes in the graph agree with the same reductions of the whole tensors (the testkit's
 * {@link HostReduction}) within 1e-6 relative, on every asset ONNX model: at the data input and the ONNX output of
 * every Conv and MatMul/Gemm (after its bias), per tensor MIN/MAX/ABS_MAX/MEAN and, at ranks of 3 or more, per
 * channel on axis 1 and -1; batches other than a batch-1 export's own run through its symbolic-batch copy.
 */
class OrtInGraphReductionsTest {
    private static final double RELATIVE = 1e-6;

    static Stream<OrtAssetModels.Spec> models() {
        return OrtAssetModels.MODELS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void inGraphReductionsAgreeWithReductionsOfTheWholeTensors(OrtAssetModels.Spec spec) {
        Model model = new OnnxModelFormat().read(ModelSource.of(TestAssets.require(spec.file())));
        assertAgreement(spec.name(), model, spec, spec.samples(TestAssets.root(), spec.batch()));
    }

    /** The ops whose axes become an input at opset 18: O-Net raised to 18 (its ops mean the same there). */
    @Test
    void fromOpset18TheAxesInputAgreesToo() {
        Path file = TestAssets.require("onnx/mtcnn/onet.onnx");
        OnnxModel onet = new OnnxModelFormat().read(ModelSource.of(file));
        ModelProto.Builder raised = onet.proto().toBuilder().setIrVersion(8).clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(18));
        OnnxModel opset18 = new OnnxModel("onet-18", file, raised.build(), OnnxExternalData.NONE);
        OrtAssetModels.Spec spec = OrtAssetModels.MODELS.stream().filter(s -> s.name().equals("mtcnn onet"))
                .findFirst().orElseThrow();
        assertAgreement("mtcnn onet at opset 18", opset18, spec, spec.samples(TestAssets.root(), spec.batch()));
    }

    private static void assertAgreement(String name, Model model, OrtAssetModels.Spec spec, DataLoader samples) {
        assertAgreement(name, model, spec, samples, false);
        assertAgreement(name + " (quantiles)", model, spec, samples, true);
    }

    /**
     * In-graph reductions against the host's of the whole values. Quantiles are computed in the graph only over axes
     * of static size with few enough order statistics, so for them a port may come whole; most must not.
     */
    private static void assertAgreement(String name, Model model, OrtAssetModels.Spec spec, DataLoader samples,
                                        boolean quantiles) {
        Map<PortRef, Set<Reduction>> ports = observedPorts(model.graph(), quantiles);
        assertTrue(ports.size() >= 2, name + ": ports to observe " + ports.keySet());
        Map<String, Tensor> inputs = spec.batchOf(samples);
        Map<PortRef, Set<Reduction>> whole = new LinkedHashMap<>();
        ports.keySet().forEach(p -> whole.put(p, Set.of()));
        RecordingObserver values = new RecordingObserver(whole);
        RecordingObserver reduced = new RecordingObserver(ports);
        try (Engine e = new OrtEngineFactory().create(EngineSettings.cpu(Map.of("threads", 2)),
                new TestPluginContext())) {
            e.setModel(model);
            e.infer(inputs, values);
            e.infer(inputs, reduced);
        }
        int compared = 0;
        int wholePorts = 0;
        for (Map.Entry<PortRef, Set<Reduction>> p : ports.entrySet()) {
            PortRef port = p.getKey();
            if (quantiles && !reduced.wholeAt(port).isEmpty()) {
                // only where a reduced axis has no static size (P-Net takes images of any size)
                long[] dims = model.graph().outputPort(port).shape().dims();
                assertTrue(java.util.Arrays.stream(dims, 1, dims.length).anyMatch(d -> d < 0), name + ": " + port
                        + " " + java.util.Arrays.toString(dims) + " was handed over whole");
                wholePorts++;
                continue;
            }
            assertTrue(reduced.wholeAt(port).isEmpty(), name + ": " + port + " was handed over whole");
            Tensor value = values.wholeAt(port).get(0);
            assertEquals(spec.batch(), value.shape().dim(0), name + ": " + port + " " + value.shape());
            for (Reduction r : p.getValue()) {
                List<Tensor> got = reduced.reducedAt(port, r);
                assertEquals(1, got.size(), name + ": " + r + " at " + port + " once");
                assertClose(HostReduction.of(r, value), got.get(0), name + ": " + r + " at " + port);
                compared++;
            }
        }
        System.out.println(name + ": " + compared + " in-graph reductions at " + (ports.size() - wholePorts)
                + " ports agree" + (wholePorts > 0 ? ", " + wholePorts + " ports handed over whole" : ""));
    }

    /**
     * The data input and the ONNX output of every Conv and MatMul (Gemm), the ports DefaultQuantization quantizes and
     * FastBiasCorrection reads: per tensor reductions, and per channel on axes 1 and -1 at rank 3 or more.
     */
    private static Map<PortRef, Set<Reduction>> observedPorts(Graph g, boolean quantiles) {
        Set<PortRef> ports = new LinkedHashSet<>();
        for (Node n : g.nodes()) {
            if (Set.of(OpKinds.CONVOLUTION, OpKinds.GROUP_CONVOLUTION, OpKinds.MAT_MUL).contains(n.kind())) {
                n.input(0).ifPresent(ports::add);
                ports.add(onnxOutput(g, PortRef.of(n.name())));
            }
        }
        Map<PortRef, Set<Reduction>> out = new LinkedHashMap<>();
        for (PortRef p : ports) {
            OutputPort info = g.outputPort(p);
            int rank = info.shape().rank();
            if (info.tensorNames().isEmpty() || !info.elementType().isFloatingPoint() || rank < 2) {
                continue;
            }
            Set<Reduction> reductions = new LinkedHashSet<>();
            for (Reduction.Kind kind : Reduction.Kind.values()) {
                if (kind.isQuantile() != quantiles) {
                    continue;
                }
                for (double q : kind.isQuantile() ? new double[] {1e-4, 1 - 1e-4} : new double[] {Double.NaN}) {
                    reductions.add(new Reduction(kind, Reduction.PER_TENSOR, q));
                    if (rank >= 3) {
                        reductions.add(new Reduction(kind, 1, q));
                        reductions.add(new Reduction(kind, -1, q));
                    }
                }
            }
            out.put(p, reductions);
        }
        return out;
    }

    /** {@code port}, or when only pot4j's view has it (a Conv before its bias), the bias Add's output. */
    private static PortRef onnxOutput(Graph g, PortRef port) {
        if (!g.outputPort(port).tensorNames().isEmpty()) {
            return port;
        }
        List<InputRef> readers = g.consumers(port);
        return readers.size() == 1 ? PortRef.of(readers.get(0).node()) : port;
    }

    private static void assertClose(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] x = expected.toDoubleArray();
        double[] y = actual.toDoubleArray();
        List<String> off = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Math.abs(x[i] - y[i]) > RELATIVE * Math.abs(x[i]) + 1e-30) {
                off.add("element " + i + ": host " + x[i] + ", in the graph " + y[i]);
            }
        }
        assertTrue(off.isEmpty(), what + ": " + off.size() + " of " + x.length + " differ, e.g. "
                + off.subList(0, Math.min(3, off.size())));
    }
}
