package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.cascade.PerStageAlgorithm;
import org.pot4j.quantization.DefaultQuantizationFactory;

/**
 * The acceptance criterion of DefaultQuantization for MT-CNN: R-Net and O-Net, quantized (preset performance) with
 * statistics the cascade collects on crops of photos from {@code faces/}, keep at least 99 % face/non-face accuracy
 * on the 200 crops of {@code lfw_subset}; FP32 gets 100 %. Evaluated with the {@code face_classification} metric in
 * ONNX Runtime, and the reference engine must agree (skipped without the assets).
 */
class LfwFaceClassificationTest {
    /**
     * All portraits (few faces, large images: many R-Net crops), the aligned crops (one face each, cheap) and four of
     * the smaller group photos (many faces: most of the O-Net crops). The remaining 22 group photos would add about a
     * minute on the shared machine; 17.jpg alone takes 7 s.
     */
    static final List<String> CALIBRATION = List.of(
            "portraits/angelina_jolie.jpg", "portraits/ivan.jpg", "portraits/kate_siegel.jpg",
            "portraits/multiface.jpg", "portraits/no-faces.jpg", "portraits/paul_rudd.jpg", "portraits/shea_whigham.jpg",
            "aligned/angelina_jolie_a.png", "aligned/angelina_jolie_c0.jpg", "aligned/bradley_cooper_a.png",
            "aligned/bradley_cooper_c0.jpg", "aligned/kate_siegel_a.png", "aligned/kate_siegel_c0.jpg",
            "aligned/paul_rudd_a.png", "aligned/paul_rudd_c0.jpg", "aligned/shea_whigham_a.png",
            "aligned/shea_whigham_c0.jpg",
            "group-photos/1.jpg", "group-photos/2.jpg", "group-photos/8.jpg", "group-photos/13.jpg");
    private static final double CASCADE_THRESHOLD = 0.7;

    private static CascadeModel fp32;
    private static CascadeModel int8;
    /** Rows (crops, or pyramid levels for P-Net) each stage saw in the calibration pass. */
    private static final Map<String, Long> CALIBRATION_ROWS = new LinkedHashMap<>();
    /** Evaluations by engine, stage and precision: both tests use ONNX Runtime's. */
    private static final Map<String, Result> RESULTS = new HashMap<>();

    @BeforeAll
    static void quantizeWithStatisticsOfCropsOfFaces(@TempDir Path dir) {
        fp32 = MtcnnFixtures.facenetCascade();
        DataLoader photos = MtcnnFixtures.images(dir, CALIBRATION.stream().map(f -> "images/faces/" + f)
                .toArray(String[]::new));
        Algorithm dq = new PerStageAlgorithm(new DefaultQuantizationFactory().create(
                Map.of("preset", "performance", "stat_subset_size", 300), MtcnnFixtures.CONTEXT));
        // Pipeline.run would do the same; done by hand to count each stage's rows in the same statistics pass
        Algorithm.StatisticsPlan plan = dq.statistics(fp32);
        Map<String, StatisticsRequest> counters = new LinkedHashMap<>();
        for (Model stage : fp32.subModels()) {
            counters.put(stage.name(), StatisticsRequest.builder().add(firstOutput(stage), new RowCounter()).build());
        }
        StatisticsRequest request = merge(plan.request(), CascadePorts.combine(counters));
        long start = System.nanoTime();
        try (MtcnnEngine engine = MtcnnFixtures.engine(photos, "onnxruntime", Map.of(), null)) {
            engine.setModel(fp32);
            CollectedStatistics statistics = engine.predict(PredictRequest.statistics(
                    Sampler.sequential(Math.min(plan.subsetSize(), photos.size()), plan.batchSize()), request,
                    ProgressListener.NONE)).statistics();
            for (Model stage : fp32.subModels()) {
                float[] rows = CascadePorts.forStage(statistics, stage.name()).require(firstOutput(stage), RowCounter.NAME)
                        .toFloatArray();
                CALIBRATION_ROWS.put(stage.name(), (long) rows[1]);
            }
            int8 = (CascadeModel) dq.run(fp32, engine, statistics);
        }
        System.out.printf(Locale.ROOT, "DefaultQuantization (performance) of MT-CNN on %d photos of faces/: %s rows "
                + "per stage, %.1f s%n", photos.size(), CALIBRATION_ROWS, (System.nanoTime() - start) / 1e9);
    }

    private static PortRef firstOutput(Model stage) {
        return stage.graph().results().get(0).input(0).orElseThrow();
    }

    private static StatisticsRequest merge(StatisticsRequest a, StatisticsRequest b) {
        StatisticsRequest.Builder all = StatisticsRequest.builder();
        for (StatisticsRequest r : List.of(a, b)) {
            for (PortRef port : r.ports()) {
                for (Statistic s : r.at(port)) {
                    all.add(port, s);
                }
            }
        }
        return all.build();
    }

    @Test
    void calibrationSawARealisticNumberOfCropsAndQuantizedBothStages() {
        assertTrue(CALIBRATION_ROWS.get("rnet") >= 5000, "R-Net crops: " + CALIBRATION_ROWS);
        assertTrue(CALIBRATION_ROWS.get("onet") >= 500, "O-Net crops: " + CALIBRATION_ROWS);
        for (Model stage : int8.subModels()) {
            long quantizers = stage.graph().nodes().stream().map(Node::kind).filter("QuantizeLinear"::equals).count();
            assertTrue(quantizers > 0, "stage " + stage.name() + " has QuantizeLinear nodes");
        }
    }

    @Test
    void rnetAndOnetKeepTheirAccuracyInOnnxRuntime() {
        for (int s = 1; s <= 2; s++) {
            LfwCrops crops = LfwCrops.open(s == 1 ? 24 : 48);
            Result full = evaluate("onnxruntime", fp32.subModels().get(s), crops, "FP32");
            Result quantized = evaluate("onnxruntime", int8.subModels().get(s), crops, "INT8");
            String stage = fp32.subModels().get(s).name();
            assertEquals(1.0, full.accuracy(), stage + " FP32 " + full.metrics());
            assertEquals(1.0, full.accuracyAtCascadeThreshold(), stage + " FP32 at 0.7");
            assertTrue(quantized.accuracy() >= 0.99, stage + " INT8 " + quantized.metrics());
            assertTrue(quantized.accuracyAtCascadeThreshold() >= 0.99, stage + " INT8 at 0.7");
        }
    }

    @Test
    void theReferenceEngineAgreesWithOnnxRuntime() {
        for (int s = 1; s <= 2; s++) {
            LfwCrops crops = LfwCrops.open(s == 1 ? 24 : 48);
            for (CascadeModel cascade : List.of(fp32, int8)) {
                String precision = cascade == fp32 ? "FP32" : "INT8";
                Model stage = cascade.subModels().get(s);
                Result ort = evaluate("onnxruntime", stage, crops, precision);
                Result reference = evaluate("reference", stage, crops, precision);
                assertEquals(ort.metrics(), reference.metrics(), stage.name() + " " + precision);
                double diff = 0;
                for (int i = 0; i < crops.size(); i++) {
                    diff = Math.max(diff, Math.abs(ort.faceProbability()[i] - reference.faceProbability()[i]));
                }
                System.out.printf(Locale.ROOT, "%s %s: largest face probability difference reference vs "
                        + "onnxruntime %.2e%n", stage.name(), precision, diff);
                assertTrue(diff <= (cascade == fp32 ? 1e-4 : 1e-3), stage.name() + " " + precision + ": " + diff);
            }
        }
    }

    /**
     * The metric of an evaluation pass through the engine (threshold 0.5), and from one inference of all crops the
     * face probabilities and the accuracy at the cascade's threshold.
     */
    private static Result evaluate(String engineName, Model stage, LfwCrops crops, String precision) {
        return RESULTS.computeIfAbsent(engineName + " " + stage.name() + " " + precision,
                k -> run(engineName, stage, crops, precision));
    }

    private static Result run(String engineName, Model stage, LfwCrops crops, String precision) {
        Map<String, Object> options = engineName.equals("onnxruntime") ? Map.of("threads", 1) : Map.of();
        FaceClassificationMetric metric = new FaceClassificationMetric(0.5, null);
        try (Engine engine = MtcnnFixtures.CONTEXT.engine(engineName).orElseThrow().create(
                new EngineSettings("CPU", options, crops, Optional.of(metric)), MtcnnFixtures.CONTEXT)) {
            engine.setModel(stage);
            Map<String, Double> metrics = engine.predict(PredictRequest.evaluation(
                    Sampler.sequential(crops.size(), 50), ProgressListener.NONE)).metrics();
            Map<String, Tensor> outputs = engine.infer(Map.of(DataItem.UNNAMED, crops.batch()));
            FaceClassificationMetric cascade = new FaceClassificationMetric(CASCADE_THRESHOLD, null);
            cascade.update(outputs, crops.labels());
            float[] prob = StageOutputs.faceProbability(outputs).toFloatArray();
            float[] face = new float[crops.size()];
            float minFace = 1;
            float maxNonFace = 0;
            for (int i = 0; i < face.length; i++) {
                face[i] = prob[2 * i + 1];
                if (i < LfwCrops.PER_CLASS) {
                    minFace = Math.min(minFace, face[i]);
                } else {
                    maxNonFace = Math.max(maxNonFace, face[i]);
                }
            }
            Result r = new Result(metrics, cascade.averageValue().get("accuracy"), face);
            System.out.printf(Locale.ROOT, "lfw_subset %s %s %s: accuracy %.1f %% (tp %.0f, tn %.0f) at 0.5, %.1f %% at "
                    + "0.7; lowest face probability of a face %.4f, highest of a non-face %.4f%n", engineName,
                    stage.name(), precision, 100 * r.accuracy(), metrics.get("true_positives"),
                    metrics.get("true_negatives"), 100 * r.accuracyAtCascadeThreshold(), minFace, maxNonFace);
            return r;
        }
    }

    private record Result(Map<String, Double> metrics, double accuracyAtCascadeThreshold, float[] faceProbability) {
        double accuracy() {
            return metrics.get("accuracy");
        }
    }
}
