package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.tensor.Tensor;

/**
 * Top-1 accuracy of the first output (scores per class, batch on axis 0) against Integer class labels, named
 * {@code accuracy@top1} as the command line's metric; ties go to the lower class index. A test double for the
 * benchmark, where the distribution's metric is not on the class path.
 */
final class TopOneAccuracy implements Metric {
    static final String NAME = "accuracy@top1";
    private long samples;
    private long hits;
    private List<Double> last = List.of();

    @Override
    public void update(Map<String, Tensor> outputs, List<Object> annotations) {
        float[] v = outputs.values().iterator().next().toFloatArray();
        int classes = v.length / annotations.size();
        List<Double> values = new ArrayList<>();
        for (int s = 0; s < annotations.size(); s++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (v[s * classes + c] > v[s * classes + best]) {
                    best = c;
                }
            }
            boolean hit = best == ((Number) annotations.get(s)).intValue();
            values.add(hit ? 1.0 : 0.0);
            hits += hit ? 1 : 0;
            samples++;
        }
        last = values;
    }

    @Override
    public Map<String, List<Double>> value() {
        return Map.of(NAME, last);
    }

    @Override
    public Map<String, Double> averageValue() {
        return Map.of(NAME, samples == 0 ? 0.0 : (double) hits / samples);
    }

    @Override
    public void reset() {
        samples = 0;
        hits = 0;
        last = List.of();
    }

    @Override
    public Map<String, MetricAttributes> attributes() {
        return Map.of(NAME, MetricAttributes.higherBetter("accuracy"));
    }
}
