package org.pot4j.cascade.mtcnn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.cascade.StageStatistics;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.pipeline.AlgorithmSequence;
import org.pot4j.quantization.DefaultQuantizationFactory;

/**
 * The two halves of the lfw_subset check, shared by {@link LfwFaceClassificationTest} and {@link LfwBenchmark}:
 * DefaultQuantization (preset performance) of every stage of the facenet MT-CNN with statistics the cascade collects
 * on photos of {@code faces/} (the mtcnn engine, onnxruntime delegate, 1 thread), and the face/non-face evaluation of
 * one R-Net or O-Net on the crops with the {@code face_classification} metric.
 */
final class LfwQuantization {
    /** The cascade's R-Net and O-Net threshold, reported beside the metric's default 0.5. */
    static final double CASCADE_THRESHOLD = 0.7;

    private LfwQuantization() {
    }

    /**
     * @param rows    per stage, the rows of its inferences in the statistics pass: crops for R-Net and O-Net,
     *                pyramid levels for P-Net
     * @param seconds the statistics pass and the quantization, wall time
     */
    record Calibration(CascadeModel fp32, CascadeModel int8, int photos, Map<String, Long> rows, double seconds) {
    }

    /**
     * @param metrics                    the {@code face_classification} metric of an evaluation pass at 0.5
     * @param accuracyAtCascadeThreshold the accuracy at {@link #CASCADE_THRESHOLD}
     * @param faceProbability            per crop, faces first
     */
    record Evaluation(Map<String, Double> metrics, double accuracyAtCascadeThreshold, float[] faceProbability) {
        double accuracy() {
            return metrics.get("accuracy");
        }

        float lowestOfAFace() {
            float min = 1;
            for (int i = 0; i < LfwCrops.PER_CLASS; i++) {
                min = Math.min(min, faceProbability[i]);
            }
            return min;
        }

        float highestOfANonFace() {
            float max = 0;
            for (int i = LfwCrops.PER_CLASS; i < faceProbability.length; i++) {
                max = Math.max(max, faceProbability[i]);
            }
            return max;
        }

        String describe() {
            return String.format(Locale.ROOT, "accuracy %.1f %% (tp %.0f, tn %.0f) at 0.5, %.1f %% at %.1f; lowest face "
                            + "probability of a face %.4f, highest of a non-face %.4f", 100 * accuracy(),
                    metrics.get("true_positives"), metrics.get("true_negatives"), 100 * accuracyAtCascadeThreshold,
                    CASCADE_THRESHOLD, lowestOfAFace(), highestOfANonFace());
        }
    }

    /**
     * Quantizes the facenet cascade with statistics collected on {@code photos} (paths under
     * {@code images/faces/}). Pipeline.run would do the same; done by hand to count each stage's rows in the same
     * statistics pass.
     */
    static Calibration quantize(Path dir, List<String> photos) {
        CascadeModel fp32 = MtcnnFixtures.facenetCascade();
        DataLoader images = MtcnnFixtures.images(dir, photos.stream().map(f -> "images/faces/" + f)
                .toArray(String[]::new));
        // DefaultQuantization is a sequence (ActivationChannelAlignment, then MinMax + FastBiasCorrection), each step
        // per stage with its own cascade pass when it asks for statistics; the first pass also counts the crops
        AlgorithmSequence dq = (AlgorithmSequence) new DefaultQuantizationFactory().create(
                AlgorithmSettings.of(Map.of("preset", "performance", "stat_subset_size", 300)), MtcnnFixtures.CONTEXT);
        Map<String, StatisticsRequest> counters = new LinkedHashMap<>();
        for (Model stage : fp32.subModels()) {
            counters.put(stage.name(), StatisticsRequest.builder().add(firstOutput(stage), new RowCounter()).build());
        }
        long start = System.nanoTime();
        Map<String, Long> rows = new LinkedHashMap<>();
        Model current = fp32;
        try (CascadeEngine engine = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            InferenceLoop loop = InferenceLoop.of(engine, images);
            for (Algorithm step : dq.steps()) {
                current = step.prepare(current);
                Algorithm.StatisticsPlan plan = step.statistics(current);
                if (plan.request().isEmpty()) {
                    current = step.run(current, engine, CollectedStatistics.empty());
                    continue;
                }
                StatisticsRequest request = rows.isEmpty() ? merge(plan.request(), StageStatistics.combine(counters))
                        : plan.request();
                engine.setModel(current);
                CollectedStatistics statistics = loop.run(PredictRequest.statistics(
                        Sampler.sequential(Math.min(plan.subsetSize(), images.size()), plan.batchSize()), request,
                        ProgressListener.NONE)).statistics();
                if (rows.isEmpty()) {
                    for (Model stage : fp32.subModels()) {
                        float[] counted = StageStatistics.forStage(statistics, stage.name())
                                .require(firstOutput(stage), RowCounter.NAME).toFloatArray();
                        rows.put(stage.name(), (long) counted[1]);
                    }
                }
                current = step.run(current, engine, statistics);
            }
            return new Calibration(fp32, (CascadeModel) current, images.size(), rows,
                    (System.nanoTime() - start) / 1e9);
        }
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

    /**
     * {@code stage} in {@code engineName} (ONNX Runtime with 1 thread) on the crops: the metric of an evaluation
     * pass through the engine in batches of 50, and from one inference of all crops the face probabilities and the
     * accuracy at the cascade's threshold.
     */
    static Evaluation evaluate(String engineName, Model stage, LfwCrops crops) {
        Map<String, Object> options = engineName.equals("onnxruntime") ? Map.of("threads", 1) : Map.of();
        FaceClassificationMetric metric = new FaceClassificationMetric(0.5, null);
        try (Engine engine = MtcnnFixtures.CONTEXT.engine(engineName).orElseThrow().create(
                EngineSettings.cpu(options), MtcnnFixtures.CONTEXT)) {
            engine.setModel(stage);
            Map<String, Double> metrics = InferenceLoop.of(engine, crops).withMetric(metric).run(
                    PredictRequest.evaluation(Sampler.sequential(crops.size(), 50), ProgressListener.NONE)).metrics();
            Map<String, Tensor> outputs = engine.infer(Map.of(DataItem.UNNAMED, crops.batch()));
            FaceClassificationMetric cascade = new FaceClassificationMetric(CASCADE_THRESHOLD, null);
            cascade.update(outputs, crops.labels());
            float[] prob = StageOutputs.faceProbability(outputs).toFloatArray();
            float[] face = new float[crops.size()];
            for (int i = 0; i < face.length; i++) {
                face[i] = prob[2 * i + 1];
            }
            return new Evaluation(metrics, cascade.averageValue().get("accuracy"), face);
        }
    }
}
