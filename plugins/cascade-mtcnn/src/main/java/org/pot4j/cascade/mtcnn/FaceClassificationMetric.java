package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.tensor.Tensor;

/**
 * Face / non-face accuracy of a single R-Net or O-Net ({@code "face_classification"}) on labelled crops: a sample is
 * classified as a face when its face probability (channel 1 of the {@code [N,2]} probability output) is above the
 * threshold, as the cascade keeps a candidate. The annotation of each sample is {@code true}/{@code false} or
 * {@code 1}/{@code 0} (face / non-face).
 *
 * <p>Reports {@code accuracy} (share of samples classified right) and, since a single figure hides which class
 * suffers, the counts {@code true_positives} (faces found), {@code true_negatives} (non-faces rejected),
 * {@code false_positives} and {@code false_negatives}, pooled over every update since the last reset.
 */
public final class FaceClassificationMetric implements Metric {
    /** The metric's name in the plugin. */
    public static final String NAME = "face_classification";
    private static final List<String> NAMES = List.of("accuracy", "true_positives", "true_negatives",
            "false_positives", "false_negatives");

    private final double threshold;
    private final String output;
    /** Indexed as {@link #NAMES} from 1: tp, tn, fp, fn. */
    private final long[] counts = new long[4];
    private Map<String, List<Double>> last = Map.of();

    /**
     * @param threshold a face is a probability above this, in {@code [0, 1)}
     * @param output    the probability output's name, or null to find it by content as the cascade does (the
     *                  2-channel output whose channels sum to 1, names with "prob" first; else the softmax of raw
     *                  scores)
     */
    public FaceClassificationMetric(double threshold, String output) {
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("face threshold must be in [0, 1), got " + threshold);
        }
        this.threshold = threshold;
        this.output = output;
    }

    public double threshold() {
        return threshold;
    }

    @Override
    public synchronized void update(Map<String, Tensor> outputs, List<Object> annotations) {
        Tensor prob = probability(outputs);
        int batch = annotations.size();
        if (prob.shape().rank() < 2 || prob.shape().dim(0) != batch || prob.elementCount() != 2L * batch) {
            throw new EngineException("face_classification: probability output of shape " + prob.shape()
                    + " is not one (non-face, face) pair for each of the " + batch + " samples of the batch");
        }
        float[] p = prob.toFloatArray();
        List<List<Double>> perSample = new ArrayList<>();
        for (int k = 0; k < NAMES.size(); k++) {
            perSample.add(new ArrayList<>(batch));
        }
        for (int i = 0; i < batch; i++) {
            boolean face = label(annotations.get(i), i);
            boolean predicted = p[2 * i + 1] > threshold;
            int outcome = face ? (predicted ? 0 : 3) : (predicted ? 2 : 1);
            counts[outcome]++;
            perSample.get(0).add(face == predicted ? 1.0 : 0.0);
            for (int k = 0; k < 4; k++) {
                perSample.get(k + 1).add(k == outcome ? 1.0 : 0.0);
            }
        }
        Map<String, List<Double>> v = new LinkedHashMap<>();
        for (int k = 0; k < NAMES.size(); k++) {
            v.put(NAMES.get(k), perSample.get(k));
        }
        last = v;
    }

    private Tensor probability(Map<String, Tensor> outputs) {
        if (output != null) {
            Tensor t = outputs.get(output);
            if (t == null) {
                throw new EngineException("face_classification: the model has no output '" + output + "'; outputs "
                        + StageOutputs.describe(outputs));
            }
            return t;
        }
        Tensor t = StageOutputs.faceProbability(outputs);
        if (t == null) {
            throw new EngineException("face_classification: none of the outputs " + StageOutputs.describe(outputs)
                    + " has 2 channels (non-face, face) on axis 1; name the probability with option 'output'");
        }
        return t;
    }

    private static boolean label(Object annotation, int sample) {
        if (annotation == null) {
            throw new DataException("sample " + sample + " of the batch has no annotation; face_classification needs "
                    + "a face label (true/1 = face, false/0 = non-face)");
        }
        if (annotation instanceof Boolean b) {
            return b;
        }
        if (annotation instanceof Number n && (n.doubleValue() == 0 || n.doubleValue() == 1)) {
            return n.doubleValue() == 1;
        }
        throw new DataException("sample " + sample + " of the batch: annotation " + annotation + " is not a face label "
                + "(true/1 = face, false/0 = non-face)");
    }

    @Override
    public synchronized Map<String, List<Double>> value() {
        return last;
    }

    /** Accuracy as a share (0 before any update), then the four counts. */
    @Override
    public synchronized Map<String, Double> averageValue() {
        long total = counts[0] + counts[1] + counts[2] + counts[3];
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(NAMES.get(0), total == 0 ? 0.0 : (double) (counts[0] + counts[1]) / total);
        for (int k = 0; k < 4; k++) {
            out.put(NAMES.get(k + 1), (double) counts[k]);
        }
        return out;
    }

    @Override
    public synchronized void reset() {
        Arrays.fill(counts, 0);
        last = Map.of();
    }

    @Override
    public Map<String, MetricAttributes> attributes() {
        Map<String, MetricAttributes> out = new LinkedHashMap<>();
        out.put(NAMES.get(0), MetricAttributes.higherBetter("accuracy"));
        out.put(NAMES.get(1), MetricAttributes.higherBetter("count"));
        out.put(NAMES.get(2), MetricAttributes.higherBetter("count"));
        out.put(NAMES.get(3), MetricAttributes.higherWorse("count"));
        out.put(NAMES.get(4), MetricAttributes.higherWorse("count"));
        return out;
    }
}
