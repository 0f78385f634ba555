package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.hardware.HardwareConfigs;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.testkit.TestPluginContext;

/**
 * AccuracyAware on the embedded sample (squeezenet1.1 IR v10 with its mean built in, the 10 sample photos): the base
 * algorithm found by name, early stop, reverting under a hand-made metric whose "labels" are the FP32 outputs, the
 * label-free mode, and the quantizer groups.
 */
class AccuracyAwareSampleTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static Model fp32;
    private static DataLoader images;
    private static List<float[]> reference;
    private static final TestPluginContext CONTEXT = new TestPluginContext();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        fp32 = new IrModelFormat().read(ModelSource.of(ROOT.resolve("samples/squeezenet1.1/squeezenet1.1.xml")));
        images = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source",
                ROOT.resolve("samples/images").toString(), "input_shape", List.of(1, 3, 227, 227))));
        reference = new ArrayList<>();
        try (Engine engine = engine()) {
            engine.setModel(fp32);
            for (int i = 0; i < images.size(); i++) {
                Map<String, Tensor> in = Map.of(fp32.graph().parameters().get(0).name(),
                        stack(images.get(i).inputs().values().iterator().next()));
                reference.add(engine.infer(in, org.pot4j.api.engine.PortObserver.NONE).values().iterator().next()
                        .toFloatArray());
            }
        }
    }

    private static Tensor stack(Tensor t) {
        long[] dims = new long[t.shape().rank() + 1];
        dims[0] = 1;
        System.arraycopy(t.shape().dims(), 0, dims, 1, t.shape().rank());
        return Tensor.ofFloats(t.toFloatArray(), dims);
    }

    private static Engine engine() {
        return new ReferenceEngineFactory().create(EngineSettings.cpu(), CONTEXT);
    }

    private static AccuracyAwareQuantization algorithm(Map<String, Object> params) {
        return (AccuracyAwareQuantization) new AccuracyAwareFactory().create(AlgorithmSettings.of(params, "CPU"),
                CONTEXT);
    }

    private static Model run(AccuracyAwareQuantization aa, DataLoader data, Metric metric) {
        try (Engine engine = engine()) {
            InferenceLoop loop = InferenceLoop.of(engine, data);
            return Pipeline.create(List.of(aa), metric == null ? loop : loop.withMetric(metric)).run(fp32);
        }
    }

    private static long fakeQuantizes(Model m) {
        return QuantizerGroups.count(m.graph());
    }

    @Test
    void stopsAfterTheBaseAlgorithmWhenTheDropIsWithinBounds() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("maximal_drop", 1.0);
        params.put("stat_subset_size", 10);
        AccuracyAwareQuantization aa = algorithm(params);
        Model int8 = run(aa, withReference(), new ReferenceDistance());
        assertTrue(fakeQuantizes(int8) > 40, "the DefaultQuantization model: " + fakeQuantizes(int8));
        assertTrue(aa.lastReport().ignoredScope().isEmpty());
        assertTrue(aa.lastReport().met());
    }

    @Test
    void revertsTheWorstGroupsWhenTheDropIsTooLargeAndSaysItCannotWithinMaxIter() throws Exception {
        Path report = dir.resolve("sensitivity.json");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("maximal_drop", 0.0);
        params.put("max_iter_num", 2);
        params.put("ranking_subset_size", 3);
        params.put("stat_subset_size", 10);
        params.put("sensitivity_report", report.toString());
        AccuracyAwareQuantization aa = algorithm(params);
        Model result = run(aa, withReference(), new ReferenceDistance());
        SensitivityReport r = aa.lastReport();
        System.out.println(r.table());
        assertFalse(r.met(), "a drop of 0 cannot be met with any quantizer left");
        assertEquals(2, r.iterations(), r.table());
        assertTrue(r.stoppedAtMaxIterations(), r.table());
        assertTrue(r.table().contains("does NOT meet, within 2 iterations (max_iter_num)"), r.table());
        assertFalse(r.ignoredScope().isEmpty(), "layers were reverted");
        assertEquals(19, r.entries().size(), "every group is ranked (squeezenet1.1: conv1, conv10, and per fire module its squeeze and its two expands sharing one input)");
        // no reverted op reads a quantizer any more
        Graph g = result.graph();
        for (String op : r.ignoredScope()) {
            for (PortRef in : g.requireNode(op).inputs()) {
                assertFalse(QuantizerGroups.isQuantizer(g.requireNode(in.node())), op + " still reads " + in);
            }
        }
        assertTrue(Files.readString(report).contains("\"ignored\": {\"scope\": ["));
        assertTrue(Files.readString(report).contains("\"iterations\": 2,\n  \"max_iter_num\": 2,"));
        // ranked best first
        for (int i = 1; i < r.entries().size(); i++) {
            assertTrue(r.entries().get(i - 1).score() >= r.entries().get(i).score());
        }
    }

    @Test
    void labelFreeModeScoresAgainstTheFp32Outputs() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("maximal_drop", 0.0);
        params.put("max_iter_num", 1);
        params.put("ranking_subset_size", 3);
        params.put("stat_subset_size", 10);
        params.put("annotation_conf_threshold", 0.0);
        AccuracyAwareQuantization aa = algorithm(params);
        run(aa, images, null);
        SensitivityReport r = aa.lastReport();
        assertEquals(1.0, r.baseline().get(ReferenceScorer.AGREEMENT), "FP32 agrees with itself");
        assertEquals(19, r.entries().size(), r.table());
    }

    @Test
    void theSharedInputQuantizerOfAFireModuleRevertsBothExpandConvolutions() {
        Model int8;
        try (Engine engine = engine()) {
            org.pot4j.api.algorithm.Algorithm dq = CONTEXT.algorithm("DefaultQuantization").orElseThrow().create(
                    AlgorithmSettings.of(Map.of("stat_subset_size", 10), "CPU"), CONTEXT);
            int8 = Pipeline.create(List.of(dq), InferenceLoop.of(engine, images)).run(fp32);
        }
        List<QuantizerGroups.Group> groups = new QuantizerGroups(int8.graph(),
                HardwareConfigs.forTargetDevice("CPU")).all();
        assertTrue(groups.stream().anyMatch(gr -> gr.ops().size() == 2 && gr.quantizers().size() == 3),
                "a group of one activation and two weight quantizers: " + groups);
        long ops = groups.stream().mapToLong(gr -> gr.ops().size()).sum();
        assertEquals(ops, groups.stream().flatMap(gr -> gr.ops().stream()).distinct().count(), "groups are disjoint");
    }

    @Test
    void tuneHyperparamsRunsTheTwelveGuessesInOrderAndKeepsTheWinnerOnlyIfTheMeanDropImproves() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("maximal_drop", 0.0);
        params.put("max_iter_num", 0);
        params.put("ranking_subset_size", 2);
        params.put("stat_subset_size", 4);
        params.put("tune_hyperparams", true);
        AccuracyAwareQuantization aa = algorithm(params);
        run(aa, withReference(4), new MeanAbsoluteError());
        AccuracyAwareQuantization.Tuning t = aa.lastTuning();
        assertEquals(2, t.subset().length, "scored on the 2 hardest samples");

        List<ParamsGridSearch.Guess> guesses = t.search().guesses();
        assertEquals(12, guesses.size());
        assertEquals(ParamsGridSearch.rangeEstimatorSpace(),
                guesses.subList(0, 10).stream().map(ParamsGridSearch.Guess::overrides).toList());
        // the lowest error of the first space (strict: the earlier of equal errors) is carried into the second
        int bestRange = 0;
        for (int i = 1; i < 10; i++) {
            if (guesses.get(i).error().getAsDouble() < guesses.get(bestRange).error().getAsDouble()) {
                bestRange = i;
            }
        }
        for (int i = 0; i < 2; i++) {
            Map<String, Object> expected = new LinkedHashMap<>(ParamsGridSearch.biasCorrectionSpace().get(i));
            expected.putAll(guesses.get(bestRange).overrides());
            assertEquals(expected, guesses.get(10 + i).overrides());
        }
        assertEquals(0.0, guesses.get(0).error().getAsDouble(), "the first guess is the reference");
        assertTrue(guesses.subList(0, 11).stream().allMatch(g -> g.error().isPresent()), "11 guesses ran");
        assertTrue(guesses.get(11).refused().orElseThrow().contains("use_fast_bias"),
                "pot4j's DefaultQuantization has no BiasCorrection: " + guesses.get(11));
        ParamsGridSearch.Guess winner = guesses.get(10).error().getAsDouble()
                < guesses.get(bestRange).error().getAsDouble() ? guesses.get(10) : guesses.get(bestRange);
        assertEquals(winner.overrides(), t.search().best());

        // kept only when the mean drop over the metrics is strictly lower on the full data set
        assertEquals(t.meanDropAfter() < t.meanDropBefore(), t.kept(), t.toString());
        double startDrop = aa.lastReport().initialDrop().values().stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertEquals(t.kept() ? t.meanDropAfter() : t.meanDropBefore(), startDrop, 1e-12,
                "the scope search starts from the tuned model only when it was kept");
    }

    /** The sample photos with the FP32 outputs as annotations: the test's hand-made labels. */
    private static DataLoader withReference() {
        return withReference(images.size());
    }

    /** The first {@code n} sample photos with their FP32 outputs as annotations. */
    private static DataLoader withReference(int n) {
        return new DataLoader() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public DataItem get(int index) {
                DataItem item = images.get(index);
                return new DataItem(item.inputs(), reference.get(index), item.metadata());
            }
        };
    }

    /** Minus the mean absolute difference to the annotated FP32 outputs (higher is better; FP32 scores 0). */
    private static final class ReferenceDistance implements Metric {
        private List<Double> last = List.of();
        private double sum;
        private long count;

        @Override
        public void update(Map<String, Tensor> outputs, List<Object> annotations) {
            float[] v = outputs.values().iterator().next().toFloatArray();
            int per = v.length / annotations.size();
            List<Double> values = new ArrayList<>();
            for (int s = 0; s < annotations.size(); s++) {
                float[] u = (float[]) annotations.get(s);
                double d = 0;
                for (int i = 0; i < per; i++) {
                    d += Math.abs(u[i] - v[s * per + i]);
                }
                values.add(-d / per);
                sum += -d / per;
                count++;
            }
            last = values;
        }

        @Override
        public Map<String, List<Double>> value() {
            return Map.of("distance", last);
        }

        @Override
        public Map<String, Double> averageValue() {
            return Map.of("distance", count == 0 ? 0 : sum / count);
        }

        @Override
        public void reset() {
            sum = 0;
            count = 0;
            last = List.of();
        }

        @Override
        public Map<String, MetricAttributes> attributes() {
            return Map.of("distance", MetricAttributes.higherBetter("distance"));
        }
    }

    /** The mean absolute difference to the annotated FP32 outputs: higher-worse, positive, FP32 scores 0. */
    private static final class MeanAbsoluteError implements Metric {
        private final ReferenceDistance distance = new ReferenceDistance();

        @Override
        public void update(Map<String, Tensor> outputs, List<Object> annotations) {
            distance.update(outputs, annotations);
        }

        @Override
        public Map<String, List<Double>> value() {
            return Map.of("mae", distance.value().get("distance").stream().map(d -> -d).toList());
        }

        @Override
        public Map<String, Double> averageValue() {
            return Map.of("mae", -distance.averageValue().get("distance"));
        }

        @Override
        public void reset() {
            distance.reset();
        }

        @Override
        public Map<String, MetricAttributes> attributes() {
            return Map.of("mae", MetricAttributes.higherWorse("mae"));
        }
    }
}
