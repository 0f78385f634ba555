package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.DataException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class DetectionMetricTest {
    private static Map<String, Tensor> detections(float... xyxys) {
        int n = xyxys.length / 5;
        return Map.of(MtcnnCascade.BOXES, Tensor.ofFloats(Shape.of(n, 5), xyxys));
    }

    @Test
    void recallAndPrecisionPoolOverImages() {
        Metric m = DetectionMetric.labelled(0.5);
        // image 1: two faces, one found (IoU 0.81), one false alarm
        m.update(detections(0, 0, 10, 10, 0.99f, 50, 50, 60, 60, 0.9f),
                List.of(List.of(List.of(1, 0, 11, 10), List.of(100, 100, 120, 120))));
        assertEquals(List.of(0.5), m.value().get("recall"));
        assertEquals(List.of(0.5), m.value().get("precision"));
        // image 2: one face, found (float[] annotation)
        m.update(detections(0, 0, 10, 10, 0.99f), List.of(List.of(new float[] {0, 0, 10, 10})));
        assertEquals(Map.of("recall", 2 / 3.0, "precision", 2 / 3.0), m.averageValue());
        m.reset();
        assertEquals(1.0, m.averageValue().get("recall"), "nothing to find is recall 1");
    }

    @Test
    void oneDetectionMatchesOneReferenceOnly() {
        Metric m = DetectionMetric.labelled(0.5);
        m.update(detections(0, 0, 10, 10, 0.99f), List.of(List.of(List.of(0, 0, 10, 10), List.of(0, 0, 10, 10))));
        assertEquals(0.5, m.averageValue().get("recall"));
        assertEquals(1.0, m.averageValue().get("precision"));
    }

    @Test
    void agreementReportsFp32RecallAndExtraBoxes() {
        Metric m = DetectionMetric.agreement(0.5);
        Tensor fp32 = Tensor.ofFloats(Shape.of(2, 5), 0, 0, 10, 10, 1, 20, 20, 30, 30, 1);
        m.update(detections(0, 0, 10, 10, 0.9f, 40, 40, 50, 50, 0.8f, 60, 60, 70, 70, 0.8f), List.of(fp32));
        assertEquals(0.5, m.averageValue().get("fp32_recall"));
        assertEquals(2 / 3.0, m.averageValue().get("extra_fraction"), 1e-12);
        assertEquals("higher-worse", m.attributes().get("extra_fraction").direction());
    }

    @Test
    void badAnnotationsAreNamed() {
        Metric m = DetectionMetric.labelled(0.5);
        DataException none = assertThrows(DataException.class, () -> m.update(detections(), Arrays.asList((Object) null)));
        assertTrue(none.getMessage().contains("no annotation"), none.getMessage());
        DataException bad = assertThrows(DataException.class,
                () -> m.update(detections(), List.of(List.of(List.of(0, 0, 10)))));
        assertTrue(bad.getMessage().contains("box 0"), bad.getMessage());
        DataException flipped = assertThrows(DataException.class,
                () -> m.update(detections(), List.of(List.of(List.of(10, 0, 0, 10)))));
        assertTrue(flipped.getMessage().contains("x2 < x1"), flipped.getMessage());
    }

    @Test
    void thePluginContributesTheEngineAndBothMetrics() {
        List<String> engines = new ArrayList<>();
        List<String> metrics = new ArrayList<>();
        for (Pot4jPlugin p : ServiceLoader.load(Pot4jPlugin.class)) {
            if (p instanceof MtcnnPlugin) {
                p.engines().forEach(e -> engines.add(e.name()));
                p.metrics().forEach(f -> metrics.add(f.name()));
                Metric m = p.metrics().get(0).create(Map.of("iou", 0.7), MtcnnFixtures.CONTEXT);
                assertEquals(List.of("recall", "precision"), List.copyOf(m.attributes().keySet()));
                ConfigurationException e = assertThrows(ConfigurationException.class,
                        () -> p.metrics().get(1).create(Map.of("iou", 2), MtcnnFixtures.CONTEXT));
                assertEquals("metric.iou", e.keyPath());
            }
        }
        assertEquals(List.of("mtcnn"), engines);
        assertEquals(List.of("detection", "detection_agreement", "face_classification"), metrics);
    }
}
