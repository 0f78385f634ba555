package org.pot4j.quantization.overflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.engine.reference.gna.GnaEngine;
import org.pot4j.engine.reference.gna.GnaEngineFactory;
import org.pot4j.quantization.DefaultQuantization;
import org.pot4j.quantization.DefaultQuantizationFactory;
import org.pot4j.quantization.DefaultQuantizationParameters;
import org.pot4j.quantization.IrNetBuilder;
import org.pot4j.quantization.QuantizationTestData;
import org.pot4j.testkit.TestPluginContext;

/** OverflowCorrection (POT_SPEC §9.3) on GNA-quantized affine layers built to overflow and not to. */
class OverflowCorrectionTest {
    @TempDir
    Path dir;

    @Test
    void rescaleIsPotsFormula() {
        // m = int(out / (s_in * s_w)); r = m / (2^31 - 1) when m > 2^31 - 1
        double s = 1.0 / 32767;
        assertEquals(1.0, OverflowCorrection.rescale(1.9, s, s));
        double m = Math.floor(10.0 / (s * s));
        assertEquals(m / 2147483647.0, OverflowCorrection.rescale(10.0, s, s), 1e-12);
        assertEquals(1.0, OverflowCorrection.rescale(2147483647.0 * 1e-6, 1e-3, 1e-3));
        assertTrue(OverflowCorrection.rescale(2147483648.0 * 1e-6, 1e-3, 1e-3) > 1);
    }

    @Test
    void aWideAffineLayerGetsItsWeightsDividedAndItsOutputRangeMultiplied() throws Exception {
        int k = 1024;
        Model fp32 = affine("wide", k, 4, (n, j) -> 0);
        Model q = quantizeForGna(fp32, k, "accuracy");
        Graph g = q.graph();
        Node fq = g.requireNode("affine/fq_weights_1");
        assertEquals(65535, fq.attributes().longValue("levels", -1));
        float il = range(g, fq, 1)[0];
        float ol = range(g, fq, 3)[0];
        float oh = range(g, fq, 4)[0];
        double r = ol / il;
        assertTrue(r > 2, "rescale factor " + r);
        assertEquals(r, oh / range(g, fq, 2)[0], 1e-5 * r);
        // the weights were divided by the same r
        float[] w0 = g.requireNode("w").constantValue().orElseThrow().toFloatArray();
        float[] w1 = fp32.graph().requireNode("w").constantValue().orElseThrow().toFloatArray();
        for (int i = 0; i < w0.length; i += 97) {
            assertEquals(w1[i] / r, w0[i], 1e-6 * Math.abs(w1[i]) + 1e-12);
        }
        // r is POT's: the largest output over the samples in accumulator units, over 2^31 - 1
        Node in = g.requireNode("affine/fq_input_0");
        double sIn = (range(g, in, 4)[0] - range(g, in, 3)[0]) / 65535.0;
        double sW = (oh - ol) / 65534.0 / r;
        double maxOut = QuantizationTestData.maxAbsOutput(fp32, new QuantizationTestData.Uniform(16, k));
        assertEquals(OverflowCorrection.rescale(maxOut, sIn, sW), r, 2e-3 * r);
    }

    @Test
    void inTheGnaEmulationTheUncorrectedLayerSaturatesAndTheCorrectedOneDoesNot() throws Exception {
        int k = 1024;
        Model fp32 = affine("wide", k, 4, (n, j) -> 0);
        Model corrected = quantizeForGna(fp32, k, "accuracy");
        Model uncorrected;
        TestPluginContext context = new TestPluginContext();
        AlgorithmSettings settings = AlgorithmSettings.of(Map.of("preset", "accuracy", "stat_subset_size", 16), "GNA");
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), context)) {
            uncorrected = Pipeline.create(List.of(new DefaultQuantization(DefaultQuantizationParameters.bind(settings),
                    () -> null)), InferenceLoop.of(engine, new QuantizationTestData.Uniform(16, k))).run(fp32);
        }
        long before = saturated(uncorrected, k);
        long after = saturated(corrected, k);
        System.out.printf("OverflowCorrection: saturated accumulators on the 16 calibration samples (64 in all): "
                + "%d without, %d with%n", before, after);
        assertTrue(before >= 32, "without: " + before);
        // POT's rescale maps the largest output seen (bias included) exactly onto 2^31 - 1, without a margin: the
        // accumulator of that very sample (bias excluded, rounded levels) may still touch the bound
        assertTrue(after <= 1, "with: " + after);
    }

    private static long saturated(Model model, int k) {
        QuantizationTestData.Uniform data = new QuantizationTestData.Uniform(16, k);
        try (GnaEngine gna = (GnaEngine) new GnaEngineFactory().create(new EngineSettings("GNA", Map.of()), null)) {
            gna.setModel(model);
            for (int i = 0; i < data.size(); i++) {
                gna.infer(Map.of("data", Tensor.ofFloats(data.get(i).inputs().values().iterator().next()
                        .toFloatArray(), 1, k)));
            }
            assertEquals(1, gna.counters().integerOps().size());
            return gna.counters().saturated();
        }
    }

    @Test
    void aNarrowAffineLayerIsLeftAsItIs() throws Exception {
        // one dominant weight per output: |out| stays below s_in * s_w * 2^31
        int k = 8;
        Model q = quantizeForGna(affine("narrow", k, 4, (n, j) -> n == j ? 100 : 1), k, "accuracy");
        Graph g = q.graph();
        Node fq = g.requireNode("affine/fq_weights_1");
        assertArrayEquals(range(g, fq, 1), range(g, fq, 3));
        assertArrayEquals(range(g, fq, 2), range(g, fq, 4));
    }

    @Test
    void eightBitWeightsAreNotLookedAt() throws Exception {
        int k = 1024;
        Model q = quantizeForGna(affine("wide8", k, 4, (n, j) -> 0), k, "performance");
        Graph g = q.graph();
        Node fq = g.requireNode("affine/fq_weights_1");
        assertEquals(255, fq.attributes().longValue("levels", -1));
        assertArrayEquals(range(g, fq, 1), range(g, fq, 3));
    }

    /** data [1,K] -> MatMul (W [N,K], transpose_b; W = cos(i), or weight(n, k) / 100 when it is non-zero) -> + bias. */
    private Model affine(String name, int k, int n, IntBinaryOperator weight) throws Exception {
        float[] w = new float[n * k];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < k; j++) {
                int given = weight.applyAsInt(c, j);
                w[c * k + j] = given != 0 ? given / 100f : (float) Math.cos(c * k + j);
            }
        }
        Path xml = new IrNetBuilder(name)
                .parameter("data", 1, k)
                .constant("w", w, n, k)
                .layer("affine", "MatMul", Map.of("transpose_a", "false", "transpose_b", "true"),
                        List.of("data", "w"), new long[] {1, n})
                .constant("b", java.util.Arrays.copyOf(new float[] {0.1f, -0.2f, 0.3f, 0.05f}, n), 1, n)
                .op("bias", "Add", List.of("affine", "b"), 1, n)
                .result("out", "bias")
                .write(dir);
        return new IrModelFormat().read(ModelSource.of(xml));
    }

    private static Model quantizeForGna(Model fp32, int k, String preset) {
        TestPluginContext context = new TestPluginContext();
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), context)) {
            return Pipeline.create(List.of(new DefaultQuantizationFactory().create(AlgorithmSettings.of(
                    Map.of("preset", preset, "stat_subset_size", 16), "GNA"), context)),
                    InferenceLoop.of(engine, new QuantizationTestData.Uniform(16, k))).run(fp32);
        }
    }

    private static float[] range(Graph g, Node fq, int port) {
        return g.producer(fq, port).flatMap(Node::constantValue).map(Tensor::toFloatArray).orElseThrow();
    }
}
