package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.inference.PredictRequest;

/** FP32 MT-CNN on real photos with both delegate engines and both model exports (skipped without the assets). */
class MtcnnDetectionTest {
    private static final String MULTIFACE = "images/faces/portraits/multiface.jpg";
    private static final String NO_FACES = "images/faces/portraits/no-faces.jpg";
    @TempDir
    static Path dir;
    private static DataLoader photos;

    /** Per test rather than @BeforeAll, so that without the assets each test reports itself skipped with the reason. */
    @BeforeEach
    void photos() {
        if (photos == null) {
            photos = MtcnnFixtures.images(dir, MULTIFACE, NO_FACES);
        }
    }

    private static List<float[]> detect(String delegate, CascadeModel model, Map<String, Object> options, int sample) {
        try (CascadeEngine e = MtcnnFixtures.engine(delegate, options)) {
            e.setModel(model);
            return BoxAnnotations.read(e.infer(photos.get(sample).inputs()).get(MtcnnCascade.BOXES), "detections");
        }
    }

    private static void assertFindsTheSixFaces(List<float[]> faces) {
        assertTrue(faces.size() >= 5 && faces.size() <= 6, "5 or 6 of the 6 faces, found " + faces.size());
    }

    @Test
    void fp32FindsTheFacesWithOnnxRuntime() {
        CascadeModel model = MtcnnFixtures.facenetCascade();
        List<float[]> faces = detect("onnxruntime", model, Map.of(), 0);
        assertFindsTheSixFaces(faces);
        assertEquals(0, detect("onnxruntime", model, Map.of(), 1).size(), "no face in no-faces.jpg");
    }

    @Test
    void fp32FindsTheSameFacesWithTheReferenceEngine() {
        CascadeModel model = MtcnnFixtures.facenetCascade();
        List<float[]> reference = detect("reference", model, Map.of(), 0);
        assertFindsTheSixFaces(reference);
        assertEquals(0, detect("reference", model, Map.of(), 1).size(), "no face in no-faces.jpg");
        assertSameBoxes(detect("onnxruntime", model, Map.of(), 0), reference);
    }

    @Test
    void caffeModelsTakeTransposedImagesAndFindTheSameFaces() {
        List<float[]> facenet = detect("onnxruntime", MtcnnFixtures.facenetCascade(), Map.of(), 0);
        CascadeModel caffe = MtcnnFixtures.caffeCascade("onnx/mtcnn-caffe-transposed/optimaizer_rnet.onnx");
        assertSameBoxes(facenet, detect("onnxruntime", caffe, Map.of("layout", "transposed"), 0));
        // a normal R-Net between Caffe's P- and O-Net, as one would replace the broken det2.onnx
        CascadeModel mixed = MtcnnFixtures.caffeCascade("onnx/mtcnn/rnet.onnx");
        assertSameBoxes(facenet, detect("onnxruntime", mixed,
                Map.of("layout", List.of("transposed", "normal", "transposed")), 0));
    }

    @Test
    void theBrokenCaffeRnetIsRefusedNamingTheFile() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> MtcnnFixtures.caffeCascade("onnx/mtcnn-caffe-transposed/det2.onnx"));
        assertTrue(e.getMessage().contains("det2.onnx"), e.getMessage());
    }

    @Test
    void cascadesOfTheWrongShapeAreRefused() {
        CascadeModel swapped = MtcnnFixtures.cascade("swapped", "onnx/mtcnn/pnet.onnx", "onnx/mtcnn/onet.onnx",
                "onnx/mtcnn/rnet.onnx");
        try (CascadeEngine e = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            EngineException ex = assertThrows(EngineException.class, () -> e.setModel(swapped));
            assertTrue(ex.getMessage().contains("stage 'rnet' (R-Net)") && ex.getMessage().contains("[N,3,24,24]"),
                    ex.getMessage());
        }
    }

    @Test
    void evaluationPassReportsAgreementWithTheFp32Detections() {
        CascadeModel model = MtcnnFixtures.facenetCascade();
        ReferenceDetections fp32;
        try (CascadeEngine ort = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            ort.setModel(model);
            fp32 = ReferenceDetections.record(ort, photos);
        }
        assertFindsTheSixFaces(BoxAnnotations.read(fp32.boxes(0), "fp32"));
        // the same cascade in the other engine agrees with it completely
        try (CascadeEngine e = MtcnnFixtures.engine("reference", Map.of())) {
            e.setModel(model);
            Map<String, Double> m = MtcnnFixtures.loop(e, fp32, DetectionMetric.agreement(0.5))
                    .run(PredictRequest.evaluation(Sampler.sequential(2, 1), ProgressListener.NONE)).metrics();
            assertEquals(Map.of("fp32_recall", 1.0, "extra_fraction", 0.0), m);
        }
        // labels given as lists of [x1, y1, x2, y2]: the FP32 boxes widened by 10 % still match at IoU 0.5
        List<Object> labels = new java.util.ArrayList<>();
        for (float[] b : BoxAnnotations.read(fp32.boxes(0), "fp32")) {
            float dx = 0.05f * (b[2] - b[0]);
            labels.add(List.of(b[0] - dx, b[1] - dx, b[2] + dx, b[3] + dx));
        }
        DetectionMetric labelled = DetectionMetric.labelled(0.5);
        try (CascadeEngine e = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            e.setModel(model);
            labelled.update(e.infer(photos.get(0).inputs()), java.util.Collections.singletonList(labels));
        }
        assertEquals(Map.of("recall", 1.0, "precision", 1.0), labelled.averageValue());
    }

    /** Every box of {@code expected} has one in {@code actual} overlapping it by IoU >= 0.9, and as many. */
    static void assertSameBoxes(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size(), "number of detections");
        assertEquals(expected.size(), BoxAnnotations.matches(expected, actual, 0.9f), "boxes at IoU >= 0.9");
    }

    static Tensor boxesOf(List<float[]> boxes) {
        float[] v = new float[boxes.size() * 4];
        for (int i = 0; i < boxes.size(); i++) {
            System.arraycopy(boxes.get(i), 0, v, 4 * i, 4);
        }
        return Tensor.ofFloats(org.pot4j.api.tensor.Shape.of(boxes.size(), 4), v);
    }
}
