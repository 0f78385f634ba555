package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.tensor.Tensor;

/**
 * Face detection quality of the cascade's {@code boxes} against reference boxes given as each sample's annotation,
 * matched one to one at IoU of at least 0.5 (configurable). Totals are pooled over all images (micro averages).
 *
 * <ul>
 *   <li>{@link #labelled} ({@code "detection"}): references are the user's ground truth; reports {@code recall}
 *       (matched / references) and {@code precision} (matched / detections).</li>
 *   <li>{@link #agreement} ({@code "detection_agreement"}): references are the FP32 cascade's own detections
 *       ({@link ReferenceDetections}); reports {@code fp32_recall} (share of FP32 boxes found again) and
 *       {@code extra_fraction} (share of detections with no FP32 box; lower is better).</li>
 * </ul>
 * An image with no reference boxes counts as recall 1; one with no detections as precision 1.
 */
public final class DetectionMetric implements Metric {
    private final boolean agreement;
    private final float minIou;
    private final String recallName;
    private final String secondName;
    private long matched;
    private long references;
    private long detections;
    private Map<String, List<Double>> last = Map.of();

    private DetectionMetric(boolean agreement, double minIou) {
        this.agreement = agreement;
        this.minIou = (float) minIou;
        this.recallName = agreement ? "fp32_recall" : "recall";
        this.secondName = agreement ? "extra_fraction" : "precision";
    }

    /** Recall and precision against ground-truth boxes. */
    public static DetectionMetric labelled(double minIou) {
        return new DetectionMetric(false, minIou);
    }

    /** Recall of the FP32 detections and the fraction of extra boxes. */
    public static DetectionMetric agreement(double minIou) {
        return new DetectionMetric(true, minIou);
    }

    @Override
    public Map<String, List<Double>> value() {
        return last;
    }

    @Override
    public Map<String, Double> averageValue() {
        double recall = references == 0 ? 1.0 : (double) matched / references;
        double precision = detections == 0 ? 1.0 : (double) matched / detections;
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(recallName, recall);
        out.put(secondName, agreement ? 1.0 - precision : precision);
        return out;
    }

    /** Recall is what matters most: POT's MT-CNN sample reports recall. */
    @Override
    public boolean higherBetter() {
        return true;
    }

    @Override
    public void update(Map<String, Tensor> outputs, List<Object> annotations) {
        Tensor boxes = outputs.get(MtcnnCascade.BOXES);
        if (boxes == null) {
            throw new EngineException("detection metric: the outputs " + outputs.keySet() + " have no '"
                    + MtcnnCascade.BOXES + "'");
        }
        if (annotations.size() != 1) {
            throw new EngineException("detection metric: cascade outputs are per image, got " + annotations.size()
                    + " annotations for one update");
        }
        List<float[]> found = BoxAnnotations.read(boxes, "output '" + MtcnnCascade.BOXES + "'");
        List<float[]> truth = BoxAnnotations.read(annotations.get(0), "sample");
        int m = BoxAnnotations.matches(found, truth, minIou);
        matched += m;
        references += truth.size();
        detections += found.size();
        double recall = truth.isEmpty() ? 1.0 : (double) m / truth.size();
        double precision = found.isEmpty() ? 1.0 : (double) m / found.size();
        Map<String, List<Double>> v = new LinkedHashMap<>();
        v.put(recallName, new ArrayList<>(List.of(recall)));
        v.put(secondName, new ArrayList<>(List.of(agreement ? 1.0 - precision : precision)));
        last = v;
    }

    @Override
    public void reset() {
        matched = 0;
        references = 0;
        detections = 0;
        last = Map.of();
    }

    @Override
    public Map<String, MetricAttributes> attributes() {
        Map<String, MetricAttributes> out = new LinkedHashMap<>();
        out.put(recallName, MetricAttributes.higherBetter("recall"));
        out.put(secondName, agreement ? MetricAttributes.higherWorse("extra_fraction")
                : MetricAttributes.higherBetter("precision"));
        return out;
    }
}
