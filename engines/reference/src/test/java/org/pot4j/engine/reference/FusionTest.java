package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.inference.PredictResult;
import org.pot4j.engine.reference.gemm.SgemmSelector;
import org.pot4j.engine.reference.loops.FloatLoopsSelector;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.engine.reference.plan.PlanCompiler;

/**
 * Convolution/MatMul + bias + activation fusion: the fused plan gives bit-identical outputs, statistics at the
 * intermediate ports see the unfused values, and chains that must not fuse (second reader, model output) do not.
 */
class FusionTest {
    private static List<OutputPort> out(String name) {
        return List.of(new OutputPort(0, Shape.of(Shape.DYNAMIC), ElementType.F32, List.of(name)));
    }

    private static Tensor values(int seed, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(seed * 7.1 + i * 1.37) * 0.6f;
        }
        return Tensor.ofFloats(v, dims);
    }

    private static void node(GraphBuilder b, String name, String kind, Map<String, Object> attrs, String... inputs) {
        List<PortRef> refs = new ArrayList<>();
        for (String i : inputs) {
            refs.add(PortRef.of(i));
        }
        // MatMul fusion needs the output rank the graph declares
        List<OutputPort> ports = name.endsWith("m") ? List.of(new OutputPort(0, Shape.of(Shape.DYNAMIC, 5), ElementType.F32,
                List.of(name))) : out(name);
        b.add(name, kind, Attributes.of(attrs), refs, ports);
    }

    /**
     * data [N,3,8,8] -> conv 3x3 -> +bias -> ReLU -> depthwise GroupConvolution -> +bias -> PReLU (per channel)
     * -> conv 1x1 -> +bias -> Clamp(0,0.4) -> Reshape [N,-1] -> MatMul -> +bias -> ReLU; plus conv "side" whose
     * biased output has two readers, and "tapped" whose biased output is also a model output. At batch 3, conv1
     * (4 output channels) runs in DirectConvolution, conv3 (12, on 4x4 planes) as one batch-folded GEMM, "side" and
     * "tapped" (10, on 8x8) as a GEMM per image: the epilogue is exercised on every path.
     */
    static GraphModel network() {
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                List.of(new OutputPort(0, Shape.of(1, 3, 8, 8), ElementType.F32, List.of("data"))));
        Map<String, Object> pad1 = Map.of("strides", "1,1", "pads_begin", "1,1", "pads_end", "1,1", "dilations", "1,1");
        Map<String, Object> pad0 = Map.of("strides", "1,1", "pads_begin", "0,0", "pads_end", "0,0", "dilations", "1,1");
        b.addConstant("w1", values(1, 4, 3, 3, 3));
        b.addConstant("b1", values(2, 1, 4, 1, 1));
        node(b, "conv1", OpKinds.CONVOLUTION, pad1, "data", "w1");
        node(b, "add1", OpKinds.ADD, Map.of(), "b1", "conv1");
        node(b, "relu1", OpKinds.RELU, Map.of(), "add1");
        b.addConstant("w2", values(3, 4, 1, 1, 3, 3));
        b.addConstant("b2", values(4, 4, 1, 1));
        b.addConstant("slope", values(5, 4));
        node(b, "dw", OpKinds.GROUP_CONVOLUTION, Map.of("strides", "2,2", "pads_begin", "1,1", "pads_end", "1,1",
                "dilations", "1,1"), "relu1", "w2");
        node(b, "add2", OpKinds.ADD, Map.of(), "dw", "b2");
        node(b, "prelu", OpKinds.PRELU, Map.of(), "add2", "slope");
        b.addConstant("w3", values(6, 12, 4, 1, 1));
        b.addConstant("b3", values(7, 1, 12, 1, 1));
        node(b, "conv3", OpKinds.CONVOLUTION, pad0, "prelu", "w3");
        node(b, "add3", OpKinds.ADD, Map.of(), "conv3", "b3");
        node(b, "clamp", OpKinds.CLAMP, Map.of("min", 0.0, "max", 0.4), "add3");
        b.addConstant("shape", Tensor.ofLongs(Shape.of(2), 0, -1));
        node(b, "flat", OpKinds.RESHAPE, Map.of("special_zero", true), "clamp", "shape");
        b.addConstant("wm", values(8, 192, 5));
        b.addConstant("bm", values(9, 5));
        node(b, "fcm", OpKinds.MAT_MUL, Map.of("transpose_a", false, "transpose_b", false), "flat", "wm");
        node(b, "addm", OpKinds.ADD, Map.of(), "fcm", "bm");
        node(b, "relum", OpKinds.RELU, Map.of(), "addm");
        // the biased output of "side" is read twice: the ReLU stays a separate step
        b.addConstant("ws", values(10, 10, 3, 1, 1));
        b.addConstant("bs", values(11, 1, 10, 1, 1));
        node(b, "side", OpKinds.CONVOLUTION, pad0, "data", "ws");
        node(b, "adds", OpKinds.ADD, Map.of(), "side", "bs");
        node(b, "relus", OpKinds.RELU, Map.of(), "adds");
        node(b, "twice", OpKinds.MULTIPLY, Map.of(), "relus", "adds");
        // "tapped"'s Add is a model output: conv + Add fuse, the ReLU after it does not
        node(b, "tapped", OpKinds.CONVOLUTION, pad0, "data", "ws");
        node(b, "addt", OpKinds.ADD, Map.of(), "tapped", "bs");
        node(b, "relut", OpKinds.RELU, Map.of(), "addt");
        for (String r : new String[] {"relum", "twice", "addt", "relut"}) {
            b.add(r + "/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of(r)), List.of());
        }
        return new GraphModel("fusion", b.build());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fusedAndUnfusedPlansAgreeBitForBit(boolean vector) {
        Graph g = network().graph();
        var compiled = new PlanCompiler(KernelRegistry.standard(), SgemmSelector.select(vector),
                FloatLoopsSelector.select(vector), true).compile(g);
        // conv1+add1+relu1, dw+add2+prelu, conv3+add3+clamp, fcm+addm+relum, side+adds (its output has two
        // readers, so relus stays apart), tapped+addt (a model output, so relut stays apart)
        assertEquals(6, compiled.fusionCount());
        Tensor x = values(12, 3, 3, 8, 8);
        Map<String, Tensor> fused = run(Map.of("threads", 2, "vector", vector), x);
        Map<String, Tensor> plain = run(Map.of("threads", 2, "vector", vector, "fusion", false), x);
        assertEquals(plain.keySet(), fused.keySet());
        for (String k : plain.keySet()) {
            assertTrue(plain.get(k).contentEquals(fused.get(k)), k + " differs between fused and unfused plans");
        }
        assertEquals(Shape.of(3, 5), fused.get("relum").shape());
        float[] relum = fused.get("relum").toFloatArray();
        boolean positive = false;
        for (float v : relum) {
            assertTrue(v >= 0, "ReLU output");
            positive |= v > 0;
        }
        assertTrue(positive, "the network does not collapse to zeros");
    }

    private static Map<String, Tensor> run(Map<String, Object> config, Tensor x) {
        return run(config, network(), x);
    }

    private static Map<String, Tensor> run(Map<String, Object> config, GraphModel model, Tensor x) {
        try (Engine e = OpRunner.engine(config)) {
            e.setModel(model);
            return e.infer(Map.of("data", x));
        }
    }

    /**
     * data -> conv -> BatchNormInference-5 -> ReLU -> depthwise -> Multiply (per channel) -> Add -> Clamp, and a
     * 1x1 conv -> BatchNormInference-1 (data third) -> PReLU: three fusions, each bit-identical to the unfused ops.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void batchNormAndPerChannelMultiplyFoldIntoTheConvolution(boolean vector) {
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                List.of(new OutputPort(0, Shape.of(1, 3, 9, 9), ElementType.F32, List.of("data"))));
        Map<String, Object> pad1 = Map.of("strides", "1,1", "pads_begin", "1,1", "pads_end", "1,1", "dilations", "1,1");
        b.addConstant("w", values(40, 5, 3, 3, 3));
        node(b, "conv", OpKinds.CONVOLUTION, pad1, "data", "w");
        b.addConstant("gamma", values(41, 5));
        b.addConstant("beta", values(42, 5));
        b.addConstant("mean", values(43, 5));
        float[] var = {0.5f, 1, 2, 0.1f, 3};
        b.addConstant("var", Tensor.ofFloats(var, 5));
        node(b, "bn", OpKinds.BATCH_NORM, Map.of("epsilon", 1e-3), "conv", "gamma", "beta", "mean", "var");
        node(b, "relu", OpKinds.RELU, Map.of(), "bn");
        b.addConstant("wd", values(44, 5, 1, 1, 3, 3));
        node(b, "dw", OpKinds.GROUP_CONVOLUTION, Map.of("strides", "2,2", "pads_begin", "1,1", "pads_end", "1,1",
                "dilations", "1,1"), "relu", "wd");
        b.addConstant("scale", values(45, 1, 5, 1, 1));
        b.addConstant("shift", values(46, 1, 5, 1, 1));
        node(b, "mul", OpKinds.MULTIPLY, Map.of(), "scale", "dw");
        node(b, "add", OpKinds.ADD, Map.of(), "mul", "shift");
        node(b, "clamp", OpKinds.CLAMP, Map.of("min", -0.2, "max", 0.3), "add");
        b.addConstant("w1", values(47, 4, 3, 1, 1));
        node(b, "pw", OpKinds.CONVOLUTION, Map.of("strides", "1,1", "pads_begin", "0,0", "pads_end", "0,0",
                "dilations", "1,1"), "data", "w1");
        b.addConstant("gamma1", values(48, 4));
        b.addConstant("beta1", values(49, 4));
        b.addConstant("mean1", values(50, 4));
        b.addConstant("var1", Tensor.ofFloats(new float[] {1, 2, 3, 4}, 4));
        node(b, "bn1", OpKinds.BATCH_NORM, Map.of("epsilon", 1e-5), "gamma1", "beta1", "pw", "mean1", "var1");
        b.addConstant("slope", values(51, 4));
        node(b, "prelu", OpKinds.PRELU, Map.of(), "bn1", "slope");
        b.add("clamp/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("clamp")), List.of());
        b.add("prelu/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("prelu")), List.of());
        GraphModel model = new GraphModel("bn", b.build());
        var compiled = new PlanCompiler(KernelRegistry.standard(), SgemmSelector.select(vector),
                FloatLoopsSelector.select(vector), true).compile(model.graph());
        assertEquals(3, compiled.fusionCount());
        Tensor x = values(52, 2, 3, 9, 9);
        Map<String, Tensor> fused = run(Map.of("threads", 2, "vector", vector), model, x);
        Map<String, Tensor> plain = run(Map.of("threads", 2, "vector", vector, "fusion", false), model, x);
        for (String k : List.of("clamp", "prelu")) {
            assertTrue(plain.get(k).contentEquals(fused.get(k)), k + " differs between fused and unfused plans");
        }
    }

    /** A convolution large enough for several k slices (K = 64 * 9 = 576) and column blocks in the GEMM. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theEpilogueRunsOnceAfterTheLastKSlice(boolean vector) {
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(),
                List.of(new OutputPort(0, Shape.of(1, 64, 40, 40), ElementType.F32, List.of("data"))));
        b.addConstant("w", values(30, 40, 64, 3, 3));
        b.addConstant("bias", values(31, 1, 40, 1, 1));
        node(b, "conv", OpKinds.CONVOLUTION, Map.of("strides", "1,1", "pads_begin", "1,1", "pads_end", "1,1",
                "dilations", "1,1"), "data", "w");
        node(b, "add", OpKinds.ADD, Map.of(), "conv", "bias");
        node(b, "clamp", OpKinds.CLAMP, Map.of("min", -0.5, "max", 0.5), "add");
        b.add("clamp/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("clamp")), List.of());
        GraphModel model = new GraphModel("big-conv", b.build());
        Tensor x = values(32, 2, 64, 40, 40);
        Tensor fused = run(Map.of("threads", 2, "vector", vector), model, x).get("clamp");
        Tensor plain = run(Map.of("threads", 2, "vector", vector, "fusion", false), model, x).get("clamp");
        assertTrue(plain.contentEquals(fused), "fused and unfused differ");
        float[] v = fused.toFloatArray();
        int clamped = 0;
        for (float f : v) {
            assertTrue(f >= -0.5f && f <= 0.5f);
            clamped += Math.abs(f) == 0.5f ? 1 : 0;
        }
        assertTrue(clamped > 0 && clamped < v.length, "some values clamped, not all: " + clamped);
    }

    /** Keeps every batch it sees. */
    private static final class Capture implements Statistic {
        @Override
        public String name() {
            return "capture";
        }

        @Override
        public Accumulator newAccumulator() {
            return new Accumulator() {
                private final List<Float> seen = new ArrayList<>();

                @Override
                public void accept(Tensor batch) {
                    for (float v : batch.toFloatArray()) {
                        seen.add(v);
                    }
                }

                @Override
                public Tensor result() {
                    float[] f = new float[seen.size()];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = seen.get(i);
                    }
                    return Tensor.ofFloats(Shape.of(f.length), f);
                }
            };
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void statisticsAtIntermediatePortsSeeUnfusedValues(boolean fusion) {
        List<DataItem> items = List.of(DataItem.of(values(20, 3, 8, 8)), DataItem.of(values(21, 3, 8, 8)),
                DataItem.of(values(22, 3, 8, 8)));
        Map<String, Tensor> seen = new LinkedHashMap<>();
        for (boolean fused : new boolean[] {fusion, false}) {
            try (Engine e = OpRunner.engine(Map.of("threads", 2, "fusion", fused))) {
                e.setModel(network());
                StatisticsRequest req = StatisticsRequest.builder()
                        .add(PortRef.of("conv1"), new Capture()).add(PortRef.of("add2"), new Capture())
                        .add(PortRef.of("fcm"), new Capture()).build();
                PredictResult r = InferenceLoop.of(e, new ListDataLoader(items))
                        .run(PredictRequest.statistics(Sampler.sequential(3, 2), req, null));
                for (String port : new String[] {"conv1", "add2", "fcm"}) {
                    Tensor t = r.statistics().require(PortRef.of(port), "capture");
                    Tensor before = seen.putIfAbsent(port, t);
                    if (before != null) {
                        assertArrayEquals(before.toFloatArray(), t.toFloatArray(), 0f, port + " with fusion=" + fusion);
                    }
                }
            }
        }
        assertEquals(3 * 4 * 8 * 8, seen.get("conv1").shape().dim(0));
        assertEquals(3 * 5, seen.get("fcm").shape().dim(0));
    }
}
