package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.cascade.CascadeModelWriter;
import org.pot4j.core.cascade.PerStageAlgorithm;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.quantization.DefaultQuantizationFactory;

/**
 * The whole point: DefaultQuantization applied to each stage of the MT-CNN cascade with statistics collected by the
 * mtcnn engine, then the INT8 cascade compared with the FP32 one (skipped without the assets).
 */
class MtcnnQuantizationTest {
    @Test
    void defaultQuantizationOfEveryStageKeepsTheFaces(@TempDir Path dir) {
        CascadeModel fp32 = MtcnnFixtures.facenetCascade();
        DataLoader calibration = MtcnnFixtures.images(dir, "images/faces/portraits/angelina_jolie.jpg",
                "images/faces/portraits/ivan.jpg", "images/faces/portraits/kate_siegel.jpg",
                "images/faces/portraits/paul_rudd.jpg", "images/faces/portraits/multiface.jpg");
        Algorithm dq = PerStageAlgorithm.of(new DefaultQuantizationFactory().create(
                AlgorithmSettings.of(Map.of("preset", "performance", "stat_subset_size", 5)), MtcnnFixtures.CONTEXT));
        Model int8;
        try (CascadeEngine engine = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            int8 = Pipeline.create(List.of(dq), MtcnnFixtures.loop(engine, calibration, null)).run(fp32);
        }
        assertTrue(int8.isCascade());
        assertEquals(List.of("pnet", "rnet", "onet"), ((CascadeModel) int8).stageNames());
        for (Model stage : int8.subModels()) {
            long quantizers = stage.graph().nodes().stream().map(Node::kind).filter("QuantizeLinear"::equals).count();
            assertTrue(quantizers > 0, "stage " + stage.name() + " has QuantizeLinear nodes");
        }

        // written as POT names cascade files, and readable again
        List<Path> files = CascadeModelWriter.write((CascadeModel) int8, dir, "mtcnn", MtcnnFixtures.CONTEXT);
        assertEquals(dir.resolve("mtcnn_pnet.onnx"), files.get(0));
        assertTrue(Files.isRegularFile(dir.resolve("mtcnn_onet.onnx")));
        Model reread = new OnnxModelFormat().read(ModelSource.of(dir.resolve("mtcnn_rnet.onnx")));
        assertTrue(reread.graph().nodes().stream().anyMatch(n -> n.kind().equals("QuantizeLinear")));

        DataLoader test = MtcnnFixtures.images(dir, "images/faces/portraits/multiface.jpg",
                "images/faces/portraits/no-faces.jpg", "images/faces/portraits/shea_whigham.jpg");
        ReferenceDetections reference;
        try (CascadeEngine e = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            e.setModel(fp32);
            reference = ReferenceDetections.record(e, test);
        }
        Map<String, Double> agreement;
        try (CascadeEngine e = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            e.setModel(int8);
            agreement = MtcnnFixtures.loop(e, reference, DetectionMetric.agreement(0.5))
                    .run(PredictRequest.evaluation(Sampler.sequential(test.size(), 1), ProgressListener.NONE))
                    .metrics();
        }
        System.out.println("INT8 vs FP32 MT-CNN on multiface, no-faces, shea_whigham: " + agreement);
        assertTrue(agreement.get("fp32_recall") >= 0.85, "INT8 finds the FP32 faces: " + agreement);
        assertTrue(agreement.get("extra_fraction") <= 0.15, "INT8 adds few boxes: " + agreement);
    }

    /** POT's per-stage {@code ignored: {<stage>: {...}}} reaches only that stage. */
    @Test
    void ignoredScopesPerStageReachTheirStage(@TempDir Path dir) {
        CascadeModel fp32 = MtcnnFixtures.facenetCascade();
        DataLoader calibration = MtcnnFixtures.images(dir, "images/faces/portraits/kate_siegel.jpg",
                "images/faces/portraits/paul_rudd.jpg");
        Algorithm dq = new DefaultQuantizationFactory().create(AlgorithmSettings.of(Map.of("preset", "performance",
                "stat_subset_size", 2, "ignored", Map.of("onet", Map.of("skip_model", true),
                        "rnet", Map.of("scope", List.of("/conv1/Conv"))))), MtcnnFixtures.CONTEXT);
        Model int8;
        try (CascadeEngine engine = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            int8 = Pipeline.create(List.of(dq), MtcnnFixtures.loop(engine, calibration, null)).run(fp32);
        }
        Map<String, Model> stages = new java.util.HashMap<>();
        int8.subModels().forEach(m -> stages.put(m.name(), m));
        assertTrue(quantizers(stages.get("pnet")) > 0, "pnet is quantized");
        assertEquals(0, quantizers(stages.get("onet")), "onet is skipped");
        var rnet = stages.get("rnet").graph();
        assertTrue(quantizers(stages.get("rnet")) > 0, "rnet is quantized");
        assertTrue(rnet.producer(rnet.requireNode("/conv1/Conv"), 1).map(p -> !p.kind().equals("DequantizeLinear"))
                .orElse(true), "rnet's ignored /conv1/Conv keeps float weights");
        assertTrue(rnet.producer(rnet.requireNode("/conv2/Conv"), 1).map(p -> p.kind().equals("DequantizeLinear"))
                .orElse(false), "rnet's /conv2/Conv is quantized");
    }

    private static long quantizers(Model stage) {
        return stage.graph().nodes().stream().map(Node::kind).filter("QuantizeLinear"::equals).count();
    }
}
