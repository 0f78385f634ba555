package org.pot4j.cli.metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.DataException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.tensor.Tensor;

/**
 * Top-1 and top-k classification accuracy over the first model output (scores per class, batch on axis 0; any
 * trailing 1-sized axes are fine), with Integer class labels as annotations. Names {@code accuracy@top1} and
 * {@code accuracy@top<k>}, as Accuracy Checker spells them. Ties rank the lower class index first.
 */
public final class TopKAccuracy implements Metric {
    private final int k;
    private long samples;
    private long hitsTop1;
    private long hitsTopK;
    private Map<String, List<Double>> last = Map.of();

    /** @param k the second rank checked (5 for top-5); 1 gives only {@code accuracy@top1} */
    public TopKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k needs k >= 1, got " + k);
        }
        this.k = k;
    }

    public String top1Name() {
        return "accuracy@top1";
    }

    public String topKName() {
        return "accuracy@top" + k;
    }

    @Override
    public synchronized void update(Map<String, Tensor> outputs, List<Object> annotations) {
        if (outputs.isEmpty()) {
            throw new DataException("the model produced no output to rank");
        }
        Map.Entry<String, Tensor> first = outputs.entrySet().iterator().next();
        Tensor scores = first.getValue();
        int batch = annotations.size();
        if (batch == 0 || scores.elementCount() % batch != 0) {
            throw new DataException("output '" + first.getKey() + "' " + scores.shape() + " does not split into "
                    + batch + " samples");
        }
        int classes = (int) (scores.elementCount() / batch);
        float[] values = scores.toFloatArray();
        List<Double> top1 = new ArrayList<>();
        List<Double> topK = new ArrayList<>();
        for (int s = 0; s < batch; s++) {
            Object annotation = annotations.get(s);
            if (!(annotation instanceof Number)) {
                throw new DataException("sample " + s + " of the batch has no class label (annotation " + annotation
                        + "); accuracy needs a labels file");
            }
            int label = ((Number) annotation).intValue();
            int rank = rankOf(values, s * classes, classes, label);
            top1.add(rank == 0 ? 1.0 : 0.0);
            topK.add(rank < k ? 1.0 : 0.0);
            hitsTop1 += rank == 0 ? 1 : 0;
            hitsTopK += rank < k ? 1 : 0;
            samples++;
        }
        Map<String, List<Double>> v = new LinkedHashMap<>();
        v.put(top1Name(), top1);
        if (k > 1) {
            v.put(topKName(), topK);
        }
        last = v;
    }

    /** How many classes score higher than {@code label} (ties broken by the lower index); classes if out of range. */
    static int rankOf(float[] values, int offset, int classes, int label) {
        if (label < 0 || label >= classes) {
            return classes;
        }
        float target = values[offset + label];
        int rank = 0;
        for (int c = 0; c < classes; c++) {
            float v = values[offset + c];
            if (v > target || (v == target && c < label)) {
                rank++;
            }
        }
        return rank;
    }

    @Override
    public synchronized Map<String, List<Double>> value() {
        return last;
    }

    @Override
    public synchronized Map<String, Double> averageValue() {
        Map<String, Double> avg = new LinkedHashMap<>();
        avg.put(top1Name(), samples == 0 ? 0.0 : (double) hitsTop1 / samples);
        if (k > 1) {
            avg.put(topKName(), samples == 0 ? 0.0 : (double) hitsTopK / samples);
        }
        return avg;
    }

    /** The number of samples seen since the last reset. */
    public synchronized long samples() {
        return samples;
    }

    @Override
    public synchronized void reset() {
        samples = 0;
        hitsTop1 = 0;
        hitsTopK = 0;
        last = Map.of();
    }

    @Override
    public Map<String, MetricAttributes> attributes() {
        Map<String, MetricAttributes> a = new LinkedHashMap<>();
        a.put(top1Name(), MetricAttributes.higherBetter("accuracy"));
        if (k > 1) {
            a.put(topKName(), MetricAttributes.higherBetter("accuracy"));
        }
        return a;
    }
}
