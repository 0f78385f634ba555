package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.runtime.HalfRounding;

/**
 * The {@code vpu} engine: its outputs equal the FP32 reference engine's run op by op with every input, constant and
 * op output rounded to FP16, on small graphs built by hand; every stored value is FP16-representable; sums inside
 * MatMul stay f32 while a chain of Adds rounds after each.
 */
class VpuEngineTest {
    private static Engine vpu(Map<String, Object> config) {
        return new VpuEngineFactory().create(new EngineSettings("VPU", config), null);
    }

    private static List<OutputPort> out(String name, long... dims) {
        return List.of(new OutputPort(0, Shape.of(dims), ElementType.F32, List.of(name)));
    }

    @Test
    void factoryNamesTheEngineAndItsDevicesAndRefusesTheCpu() {
        EngineFactory f = new VpuEngineFactory();
        assertEquals("vpu", f.name());
        assertEquals(Set.of("VPU", "MYRIAD"), f.devices());
        assertTrue(f.unavailableReason("MYRIAD").isEmpty(), "an emulation runs anywhere");
        try (Engine e = f.create(new EngineSettings("myriad", Map.of("threads", 1)), null)) {
            assertEquals("vpu", e.name());
        }
        EngineException ex = assertThrows(EngineException.class, () -> f.create(EngineSettings.cpu(), null));
        assertTrue(ex.getMessage().contains("'CPU'") && ex.getMessage().contains("MYRIAD"), ex.getMessage());
        List<String> names = new ArrayList<>();
        new ReferenceEnginePlugin().engines().forEach(e -> names.add(e.name()));
        assertEquals(List.of("reference", "vpu", "gna"), names, "the reference engine's plugin contributes the engine and its emulations");
    }

    /** x -> Add 1 -> Add 1, and the same sum as a MatMul [x, 1, 1] . [1, 1, 1]. */
    private static GraphModel sums() {
        GraphBuilder b = new GraphBuilder();
        b.add("x", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out("x", 1, 1));
        b.addConstant("one", Tensor.ofFloats(new float[] {1}, 1, 1));
        b.add("plus1", OpKinds.ADD, Attributes.EMPTY, List.of(PortRef.of("x"), PortRef.of("one")), out("plus1", 1, 1));
        b.add("plus2", OpKinds.ADD, Attributes.EMPTY, List.of(PortRef.of("plus1"), PortRef.of("one")), out("adds", 1, 1));
        b.add("adds/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("plus2")), List.of());
        b.add("row", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out("row", 1, 3));
        b.addConstant("ones", Tensor.ofFloats(new float[] {1, 1, 1}, 3, 1));
        b.add("dot", OpKinds.MAT_MUL, Attributes.EMPTY, List.of(PortRef.of("row"), PortRef.of("ones")), out("dot", 1, 1));
        b.add("dot/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("dot")), List.of());
        return new GraphModel("sums", b.build());
    }

    @Test
    void addsRoundAfterEachOpWhileMatMulSumsInF32() {
        Map<String, Tensor> in = Map.of("x", Tensor.ofFloats(new float[] {2048}, 1, 1),
                "row", Tensor.ofFloats(new float[] {2048, 1, 1}, 1, 3));
        Map<String, Tensor> f32;
        try (Engine e = OpRunner.engine(Map.of("threads", 1))) {
            e.setModel(sums());
            f32 = e.infer(in);
        }
        Map<String, Tensor> f16;
        try (Engine e = vpu(Map.of("threads", 1))) {
            e.setModel(sums());
            f16 = e.infer(in);
        }
        assertEquals(2050f, f32.get("adds").toFloatArray()[0]);
        // 2048 + 1 = 2049 lies halfway between the FP16 neighbours 2048 and 2050: ties go to even, twice
        assertEquals(2048f, f16.get("adds").toFloatArray()[0]);
        // inside MatMul the sum is f32 (2050), rounded once at the end (2050 is an FP16 value)
        assertEquals(2050f, f32.get("dot").toFloatArray()[0]);
        assertEquals(2050f, f16.get("dot").toFloatArray()[0]);
    }

    /**
     * data [1,2,5,5] -> Convolution (3 filters 3x3, pad 1) -> Add per-channel bias -> ReLU -> ReduceMean over H, W
     * -> MatMul [3,4] -> SoftMax, with weights, bias and input that are not FP16 values.
     */
    static GraphModel smallNetwork() {
        float[] w = new float[3 * 2 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.cos(i) / 3;
        }
        float[] m = new float[12];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) Math.sin(i * 1.7) * 1.1f;
        }
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out("data", 1, 2, 5, 5));
        b.addConstant("w", Tensor.ofFloats(w, 3, 2, 3, 3));
        b.add("conv", OpKinds.CONVOLUTION, Attributes.of(Map.of("strides", "1,1", "pads_begin", "1,1", "pads_end", "1,1",
                "dilations", "1,1", "auto_pad", "explicit")), List.of(PortRef.of("data"), PortRef.of("w")),
                out("conv", 1, 3, 5, 5));
        b.addConstant("b", Tensor.ofFloats(new float[] {0.1f, -0.2f, 0.3f}, 1, 3, 1, 1));
        b.add("bias", OpKinds.ADD, Attributes.EMPTY, List.of(PortRef.of("conv"), PortRef.of("b")), out("bias", 1, 3, 5, 5));
        b.add("relu", OpKinds.RELU, Attributes.EMPTY, List.of(PortRef.of("bias")), out("relu", 1, 3, 5, 5));
        b.addConstant("axes", Tensor.ofLongs(Shape.of(2), 2, 3));
        b.add("mean", OpKinds.REDUCE_MEAN, Attributes.of(Map.of("keep_dims", "false")),
                List.of(PortRef.of("relu"), PortRef.of("axes")), out("mean", 1, 3));
        b.addConstant("m", Tensor.ofFloats(m, 3, 4));
        b.add("fc", OpKinds.MAT_MUL, Attributes.EMPTY, List.of(PortRef.of("mean"), PortRef.of("m")), out("fc", 1, 4));
        b.add("prob", OpKinds.SOFTMAX, Attributes.of(Map.of("axis", 1L)), List.of(PortRef.of("fc")), out("prob", 1, 4));
        b.add("prob/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("prob")), List.of());
        return new GraphModel("small", b.build());
    }

    static Tensor smallInput() {
        float[] x = new float[2 * 5 * 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.37) * 3 + 0.01f;
        }
        return Tensor.ofFloats(x, 1, 2, 5, 5);
    }

    private static Tensor rounded(Tensor t) {
        if (!t.elementType().isFloatingPoint()) {
            return t;
        }
        float[] v = t.toFloatArray();
        HalfRounding.roundInPlace(v);
        return Tensor.ofFloats(t.shape(), v);
    }

    /**
     * The oracle: every node of {@code graph} run alone on the FP32 reference engine, its inputs being the rounded
     * values computed so far (Const producers as Const nodes, the rest as Parameters), its outputs rounded to FP16
     * unless the node is in {@code unrounded} (the inside of a fused layer).
     */
    static Map<PortRef, Tensor> opByOp(Graph graph, Map<String, Tensor> feed, Set<String> unrounded) {
        Map<PortRef, Tensor> values = new HashMap<>();
        for (Node n : graph.nodes()) {
            PortRef first = new PortRef(n.name(), 0);
            switch (n.kind()) {
                case OpKinds.PARAMETER -> values.put(first, rounded(feed.get(n.name())));
                case OpKinds.CONST -> values.put(first, rounded(n.constantValue().orElseThrow()));
                case OpKinds.RESULT -> { }
                default -> {
                    GraphBuilder b = new GraphBuilder();
                    List<PortRef> refs = new ArrayList<>();
                    Map<String, Tensor> opFeed = new LinkedHashMap<>();
                    for (int i = 0; i < n.inputCount(); i++) {
                        PortRef ref = n.input(i).orElse(null);
                        if (ref == null) {
                            refs.add(null);
                            continue;
                        }
                        Tensor t = values.get(ref);
                        String name = "in" + i;
                        if (graph.node(ref.node()).orElseThrow().kind().equals(OpKinds.CONST)) {
                            b.addConstant(name, t);
                        } else {
                            b.add(name, OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                                    List.of(new OutputPort(0, t.shape(), t.elementType(), List.of(name))));
                            opFeed.put(name, t);
                        }
                        refs.add(PortRef.of(name));
                    }
                    List<OutputPort> outs = new ArrayList<>();
                    for (OutputPort p : n.outputs()) {
                        outs.add(new OutputPort(p.index(), p.shape(), p.elementType(), List.of("out" + p.index())));
                    }
                    b.add("op", n.kind(), n.attributes(), refs, outs);
                    for (OutputPort p : n.outputs()) {
                        b.add("result" + p.index(), OpKinds.RESULT, Attributes.EMPTY,
                                List.of(new PortRef("op", p.index())), List.of());
                    }
                    Map<String, Tensor> res;
                    try (Engine e = OpRunner.engine(Map.of("threads", 1, "fusion", false))) {
                        e.setModel(new GraphModel(n.name(), b.build()));
                        res = e.infer(opFeed);
                    }
                    for (OutputPort p : n.outputs()) {
                        Tensor t = res.get("out" + p.index());
                        values.put(new PortRef(n.name(), p.index()), unrounded.contains(n.name()) ? t : rounded(t));
                    }
                }
            }
        }
        return values;
    }

    private static float[] vpuOutput(GraphModel model, Map<String, Object> config) {
        try (Engine e = vpu(config)) {
            e.setModel(model);
            return e.infer(Map.of("data", smallInput())).get("prob").toFloatArray();
        }
    }

    @Test
    void equalsTheFp32EngineRoundedOpByOp() {
        GraphModel model = smallNetwork();
        Map<PortRef, Tensor> oracle = opByOp(model.graph(), Map.of("data", smallInput()), Set.of());
        float[] want = oracle.get(PortRef.of("prob")).toFloatArray();
        float[] got = vpuOutput(model, Map.of("threads", 1, "fusion", false));
        assertArrayEquals(want, got, "vpu engine, fusion off vs FP32 op by op rounded");

        float[] f32;
        try (Engine e = OpRunner.engine(Map.of("threads", 1))) {
            e.setModel(model);
            f32 = e.infer(Map.of("data", smallInput())).get("prob").toFloatArray();
        }
        double diff = 0;
        for (int i = 0; i < f32.length; i++) {
            diff = Math.max(diff, Math.abs(f32[i] - got[i]));
        }
        assertTrue(diff > 0 && diff < 2e-3, "FP16 storage changes the probabilities a little: " + diff);
    }

    @Test
    void aFusedConvolutionBiasReluChainRoundsOnceAsOneLayer() {
        GraphModel model = smallNetwork();
        Map<PortRef, Tensor> oracle = opByOp(model.graph(), Map.of("data", smallInput()), Set.of("conv", "bias"));
        float[] want = oracle.get(PortRef.of("prob")).toFloatArray();
        assertArrayEquals(want, vpuOutput(model, Map.of("threads", 1, "fusion", true)), "fused, one thread");
        assertArrayEquals(want, vpuOutput(model, Map.of("threads", 2, "fusion", true, "vector", false)),
                "fused, two threads, scalar kernels");
    }

    @Test
    void inputsWeightsAndEveryOpOutputAreFp16Values() {
        everyObservedValueIsFp16(false, Set.of());
        // with fusion on, the convolution's output before its bias and ReLU lives inside one layer, unrounded
        everyObservedValueIsFp16(true, Set.of("conv", "bias"));
    }

    private static void everyObservedValueIsFp16(boolean fusion, Set<String> insideALayer) {
        GraphModel model = smallNetwork();
        Map<PortRef, Set<Reduction>> all = new LinkedHashMap<>();
        for (Node n : model.graph().nodes()) {
            for (OutputPort p : n.outputs()) {
                all.put(new PortRef(n.name(), p.index()), Set.of());
            }
        }
        Map<PortRef, Tensor> seen = new LinkedHashMap<>();
        PortObserver observer = new PortObserver() {
            @Override
            public Map<PortRef, Set<Reduction>> ports() {
                return all;
            }

            @Override
            public void whole(PortRef port, Tensor value) {
                seen.put(port, value);
            }

            @Override
            public void reduced(PortRef port, Reduction reduction, Tensor value) {
                throw new AssertionError("no reductions were asked for");
            }
        };
        Map<String, Tensor> out;
        try (Engine e = vpu(Map.of("threads", 2, "fusion", fusion))) {
            e.setModel(model);
            out = e.infer(Map.of("data", smallInput()), observer);
        }
        assertEquals(all.keySet(), seen.keySet(), "every port observed");
        assertFalse(HalfRounding.isHalf(smallInput().toFloatArray()[1]), "the input given is not FP16");
        assertFalse(HalfRounding.isHalf((float) Math.cos(1) / 3), "nor the weights");
        seen.put(new PortRef("output:prob", 0), out.get("prob"));
        seen.forEach((port, t) -> {
            if (t.elementType().isFloatingPoint() && !insideALayer.contains(port.node())) {
                for (float v : t.toFloatArray()) {
                    assertTrue(HalfRounding.isHalf(v), port + " holds " + v + ", not an FP16 value (fusion " + fusion + ")");
                }
            }
        });
    }
}
