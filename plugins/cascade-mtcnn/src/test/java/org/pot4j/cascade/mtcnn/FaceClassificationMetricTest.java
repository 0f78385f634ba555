package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricFactory;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class FaceClassificationMetricTest {
    /** R-Net-like outputs: a box regression and the probabilities {@code (non-face, face)} of each row. */
    private static Map<String, Tensor> outputs(float... faceProbabilities) {
        int n = faceProbabilities.length;
        float[] prob = new float[2 * n];
        for (int i = 0; i < n; i++) {
            prob[2 * i] = 1 - faceProbabilities[i];
            prob[2 * i + 1] = faceProbabilities[i];
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("bbox_reg", Tensor.ofFloats(Shape.of(n, 4), new float[4 * n]));
        out.put("prob", Tensor.ofFloats(Shape.of(n, 2), prob));
        return out;
    }

    private static MetricFactory factory() {
        return new MtcnnPlugin().metrics().stream().filter(f -> f.name().equals("face_classification")).findFirst()
                .orElseThrow();
    }

    @Test
    void accuracyAndCountsPoolOverBatches() {
        Metric m = new FaceClassificationMetric(0.5, null);
        // face found, face missed, non-face rejected, non-face taken for a face
        m.update(outputs(0.9f, 0.2f, 0.1f, 0.6f), List.of(true, 1, false, 0L));
        assertEquals(List.of(1.0, 0.0, 1.0, 0.0), m.value().get("accuracy"));
        assertEquals(List.of(0.0, 1.0, 0.0, 0.0), m.value().get("false_negatives"));
        m.update(outputs(0.99f), List.of(Boolean.TRUE));
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("accuracy", 3 / 5.0);
        expected.put("true_positives", 2.0);
        expected.put("true_negatives", 1.0);
        expected.put("false_positives", 1.0);
        expected.put("false_negatives", 1.0);
        assertEquals(expected, m.averageValue());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(m.averageValue().keySet()), "accuracy comes first");
        assertEquals("higher-worse", m.attributes().get("false_positives").direction());
        m.reset();
        assertEquals(0.0, m.averageValue().get("accuracy"));
        assertEquals(Map.of(), m.value());
    }

    @Test
    void aFaceIsAProbabilityAboveTheThreshold() {
        Metric cascade = factory().create(Map.of("threshold", 0.7), MtcnnFixtures.CONTEXT);
        cascade.update(outputs(0.7f, 0.71f, 0.7f), List.of(true, true, false));
        assertEquals(1.0, cascade.averageValue().get("false_negatives"), "0.7 is not above 0.7");
        assertEquals(2.0, cascade.averageValue().get("true_positives") + cascade.averageValue().get("true_negatives"));
        Metric half = factory().create(Map.of(), MtcnnFixtures.CONTEXT);
        half.update(outputs(0.6f), List.of(true));
        assertEquals(1.0, half.averageValue().get("accuracy"), "default threshold 0.5");
    }

    @Test
    void theProbabilityIsFoundAsTheCascadeFindsIt() {
        // raw scores first, then the softmax named "prob": the metric reads "prob"
        Map<String, Tensor> both = new LinkedHashMap<>();
        both.put("scores", Tensor.ofFloats(Shape.of(1, 2), 5f, -5f));
        both.put("prob", Tensor.ofFloats(Shape.of(1, 2), 0.1f, 0.9f));
        Metric m = new FaceClassificationMetric(0.5, null);
        m.update(both, List.of(true));
        assertEquals(1.0, m.averageValue().get("accuracy"));
        // only raw scores: their softmax, face = column 1
        m.reset();
        m.update(Map.of("scores", Tensor.ofFloats(Shape.of(2, 2), -1f, 3f, 2f, 0f)), List.of(true, false));
        assertEquals(1.0, m.averageValue().get("accuracy"));
        // a configured name is taken as it is
        Metric named = factory().create(Map.of("output", "scores"), MtcnnFixtures.CONTEXT);
        named.update(both, List.of(false));
        assertEquals(1.0, named.averageValue().get("true_negatives"), "scores row (5, -5): face column below 0.5");
    }

    @Test
    void outputsThatAreNotOnePairPerSampleAreNamed() {
        Metric m = new FaceClassificationMetric(0.5, null);
        EngineException none = assertThrows(EngineException.class,
                () -> m.update(Map.of("bbox_reg", Tensor.ofFloats(Shape.of(1, 4), new float[4])), List.of(true)));
        assertTrue(none.getMessage().contains("bbox_reg") && none.getMessage().contains("option 'output'"),
                none.getMessage());
        // a P-Net map [1,2,3,3] is not a classification of the sample
        float[] map = new float[18];
        Arrays.fill(map, 0.5f);
        EngineException pnet = assertThrows(EngineException.class,
                () -> m.update(Map.of("prob", Tensor.ofFloats(Shape.of(1, 2, 3, 3), map)), List.of(true)));
        assertTrue(pnet.getMessage().contains("not one (non-face, face) pair"), pnet.getMessage());
        EngineException rows = assertThrows(EngineException.class, () -> m.update(outputs(0.9f), List.of(true, false)));
        assertTrue(rows.getMessage().contains("2 samples"), rows.getMessage());
        Metric named = new FaceClassificationMetric(0.5, "prob1");
        EngineException missing = assertThrows(EngineException.class, () -> named.update(outputs(0.9f), List.of(true)));
        assertTrue(missing.getMessage().contains("no output 'prob1'"), missing.getMessage());
    }

    @Test
    void badLabelsAreNamed() {
        Metric m = new FaceClassificationMetric(0.5, null);
        DataException none = assertThrows(DataException.class,
                () -> m.update(outputs(0.9f, 0.9f), Arrays.asList(true, null)));
        assertTrue(none.getMessage().contains("sample 1") && none.getMessage().contains("no annotation"),
                none.getMessage());
        DataException two = assertThrows(DataException.class, () -> m.update(outputs(0.9f), List.of(2)));
        assertTrue(two.getMessage().contains("annotation 2 is not a face label"), two.getMessage());
        assertThrows(DataException.class, () -> m.update(outputs(0.9f), List.of("face")));
    }

    @Test
    void optionsAreChecked() {
        ConfigurationException t = assertThrows(ConfigurationException.class,
                () -> factory().create(Map.of("threshold", 1), MtcnnFixtures.CONTEXT));
        assertEquals("metric.threshold", t.keyPath());
        ConfigurationException o = assertThrows(ConfigurationException.class,
                () -> factory().create(Map.of("output", " "), MtcnnFixtures.CONTEXT));
        assertEquals("metric.output", o.keyPath());
        ConfigurationException u = assertThrows(ConfigurationException.class,
                () -> factory().create(Map.of("iou", 0.5), MtcnnFixtures.CONTEXT));
        assertEquals("metric.iou", u.keyPath());
        assertTrue(u.getMessage().contains("[threshold, output]"), u.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FaceClassificationMetric(-0.1, null));
    }
}
