package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.core.cascade.CascadeModel;

/**
 * The acceptance criterion of DefaultQuantization for MT-CNN: R-Net and O-Net, quantized (preset performance) with
 * statistics the cascade collects on crops of photos from {@code faces/}, keep at least 99 % face/non-face accuracy
 * on the 200 crops of {@code lfw_subset}; FP32 gets 100 %. Evaluated with the {@code face_classification} metric in
 * ONNX Runtime, and the reference engine must agree (skipped without the assets).
 */
class LfwFaceClassificationTest {
    /**
     * All portraits (few faces, large images: many R-Net crops), the aligned crops (one face each, cheap) and four of
     * the smaller group photos (many faces: most of the O-Net crops). The other 22 group photos would add about a
     * minute on the shared machine (17.jpg alone takes 7 s); {@link LfwBenchmark} calibrates on all of them.
     */
    static final List<String> CALIBRATION = List.of(
            "portraits/angelina_jolie.jpg", "portraits/ivan.jpg", "portraits/kate_siegel.jpg",
            "portraits/multiface.jpg", "portraits/no-faces.jpg", "portraits/paul_rudd.jpg", "portraits/shea_whigham.jpg",
            "aligned/angelina_jolie_a.png", "aligned/angelina_jolie_c0.jpg", "aligned/bradley_cooper_a.png",
            "aligned/bradley_cooper_c0.jpg", "aligned/kate_siegel_a.png", "aligned/kate_siegel_c0.jpg",
            "aligned/paul_rudd_a.png", "aligned/paul_rudd_c0.jpg", "aligned/shea_whigham_a.png",
            "aligned/shea_whigham_c0.jpg",
            "group-photos/1.jpg", "group-photos/2.jpg", "group-photos/8.jpg", "group-photos/13.jpg");

    private static LfwQuantization.Calibration calibration;
    /** Evaluations by engine, stage and precision: both tests use ONNX Runtime's. */
    private static final Map<String, LfwQuantization.Evaluation> RESULTS = new HashMap<>();

    @BeforeAll
    static void quantizeWithStatisticsOfCropsOfFaces(@TempDir Path dir) {
        calibration = LfwQuantization.quantize(dir, CALIBRATION);
        System.out.printf(Locale.ROOT, "DefaultQuantization (performance) of MT-CNN on %d photos of faces/: %s rows "
                + "per stage, %.1f s%n", calibration.photos(), calibration.rows(), calibration.seconds());
    }

    @Test
    void calibrationSawARealisticNumberOfCropsAndQuantizedBothStages() {
        assertTrue(calibration.rows().get("rnet") >= 5000, "R-Net crops: " + calibration.rows());
        assertTrue(calibration.rows().get("onet") >= 500, "O-Net crops: " + calibration.rows());
        for (Model stage : calibration.int8().subModels()) {
            List<String> quantized = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (Node n : stage.graph().nodes()) {
                if (n.kind().equals(OpKinds.CONVOLUTION) || n.kind().equals(OpKinds.MAT_MUL)) {
                    boolean q = stage.graph().producer(n, 1).map(p -> p.kind().equals("DequantizeLinear")).orElse(false);
                    (q ? quantized : kept).add(n.name());
                    // the fully connected layers too: the Reshape behind the dynamic-batch flatten reads data
                    assertTrue(q, n.kind() + " " + n.name() + " of " + stage.name() + " has quantized weights");
                }
            }
            System.out.println("INT8 " + stage.name() + ": weights quantized at " + quantized + ", FP32 at " + kept);
        }
    }

    @Test
    void rnetAndOnetKeepTheirAccuracyInOnnxRuntime() {
        for (int s = 1; s <= 2; s++) {
            LfwCrops crops = LfwCrops.open(s == 1 ? 24 : 48);
            String stage = calibration.fp32().subModels().get(s).name();
            LfwQuantization.Evaluation fp32 = evaluate("onnxruntime", calibration.fp32(), s, crops);
            LfwQuantization.Evaluation int8 = evaluate("onnxruntime", calibration.int8(), s, crops);
            assertEquals(1.0, fp32.accuracy(), stage + " FP32 " + fp32.describe());
            assertEquals(1.0, fp32.accuracyAtCascadeThreshold(), stage + " FP32 " + fp32.describe());
            assertTrue(int8.accuracy() >= 0.99, stage + " INT8 " + int8.describe());
            assertTrue(int8.accuracyAtCascadeThreshold() >= 0.99, stage + " INT8 " + int8.describe());
        }
    }

    @Test
    void theReferenceEngineAgreesWithOnnxRuntime() {
        for (int s = 1; s <= 2; s++) {
            LfwCrops crops = LfwCrops.open(s == 1 ? 24 : 48);
            for (CascadeModel cascade : List.of(calibration.fp32(), calibration.int8())) {
                String what = cascade.subModels().get(s).name() + " " + precision(cascade);
                LfwQuantization.Evaluation ort = evaluate("onnxruntime", cascade, s, crops);
                LfwQuantization.Evaluation reference = evaluate("reference", cascade, s, crops);
                assertEquals(ort.metrics(), reference.metrics(), what);
                double diff = 0;
                for (int i = 0; i < crops.size(); i++) {
                    diff = Math.max(diff, Math.abs(ort.faceProbability()[i] - reference.faceProbability()[i]));
                }
                System.out.printf(Locale.ROOT, "lfw_subset %s: largest face probability difference reference vs "
                        + "onnxruntime %.2e%n", what, diff);
                // quantized tensors may round one level apart between the engines; measured 8e-6 (9e-5 with the
                // fully connected layers quantized too)
                assertTrue(diff <= (cascade == calibration.fp32() ? 1e-4 : 1e-3), what + ": " + diff);
            }
        }
    }

    private static String precision(CascadeModel cascade) {
        return cascade == calibration.fp32() ? "FP32" : "INT8";
    }

    private static LfwQuantization.Evaluation evaluate(String engine, CascadeModel cascade, int stage, LfwCrops crops) {
        Model model = cascade.subModels().get(stage);
        String key = engine + " " + model.name() + " " + precision(cascade);
        return RESULTS.computeIfAbsent(key, k -> {
            LfwQuantization.Evaluation e = LfwQuantization.evaluate(engine, model, crops);
            System.out.println("lfw_subset " + k + ": " + e.describe());
            return e;
        });
    }
}
