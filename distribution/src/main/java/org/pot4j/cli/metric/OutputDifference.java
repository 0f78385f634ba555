package org.pot4j.cli.metric;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.error.DataException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.tensor.Tensor;

/**
 * How far a model's outputs are from a reference model's: each sample's annotation is the reference outputs for that
 * sample (a {@code Map<String, Tensor>}, batch of one). Outputs are matched by name, or by position when the names
 * differ (an IR and an ONNX export name them differently). {@code max_abs_diff} is the largest absolute difference of
 * any element, {@code mean_abs_diff} the mean over every element compared.
 */
public final class OutputDifference implements Metric {
    public static final String MAX = "max_abs_diff";
    public static final String MEAN = "mean_abs_diff";

    private double max;
    private double sum;
    private long count;
    private Map<String, List<Double>> last = Map.of();

    @Override
    public synchronized void update(Map<String, Tensor> outputs, List<Object> annotations) {
        int batch = annotations.size();
        List<Double> maxPer = new ArrayList<>();
        List<Double> meanPer = new ArrayList<>();
        for (int s = 0; s < batch; s++) {
            if (!(annotations.get(s) instanceof Map)) {
                throw new DataException("sample " + s + " of the batch has no reference outputs");
            }
            @SuppressWarnings("unchecked")
            Map<String, Tensor> reference = (Map<String, Tensor>) annotations.get(s);
            if (reference.size() != outputs.size()) {
                throw new DataException("the model has " + outputs.size() + " outputs " + outputs.keySet()
                        + " but the reference model " + reference.size() + " " + reference.keySet());
            }
            double sampleMax = 0;
            double sampleSum = 0;
            long sampleCount = 0;
            Iterator<Map.Entry<String, Tensor>> byPosition = reference.entrySet().iterator();
            for (Map.Entry<String, Tensor> out : outputs.entrySet()) {
                Map.Entry<String, Tensor> positional = byPosition.next();
                Tensor ref = reference.getOrDefault(out.getKey(), positional.getValue());
                float[] actual = out.getValue().toFloatArray();
                float[] expected = ref.toFloatArray();
                int per = actual.length / batch;
                if (per * batch != actual.length || expected.length != per) {
                    throw new DataException("output '" + out.getKey() + "' " + out.getValue().shape()
                            + " does not match the reference " + ref.shape() + " for a batch of " + batch);
                }
                for (int i = 0; i < per; i++) {
                    double d = Math.abs((double) actual[s * per + i] - expected[i]);
                    sampleMax = Math.max(sampleMax, d);
                    sampleSum += d;
                }
                sampleCount += per;
            }
            max = Math.max(max, sampleMax);
            sum += sampleSum;
            count += sampleCount;
            maxPer.add(sampleMax);
            meanPer.add(sampleCount == 0 ? 0 : sampleSum / sampleCount);
        }
        Map<String, List<Double>> v = new LinkedHashMap<>();
        v.put(MAX, maxPer);
        v.put(MEAN, meanPer);
        last = v;
    }

    @Override
    public synchronized Map<String, List<Double>> value() {
        return last;
    }

    @Override
    public synchronized Map<String, Double> averageValue() {
        Map<String, Double> avg = new LinkedHashMap<>();
        avg.put(MAX, max);
        avg.put(MEAN, count == 0 ? 0.0 : sum / count);
        return avg;
    }

    @Override
    public boolean higherBetter() {
        return false;
    }

    @Override
    public synchronized void reset() {
        max = 0;
        sum = 0;
        count = 0;
        last = Map.of();
    }

    @Override
    public Map<String, MetricAttributes> attributes() {
        Map<String, MetricAttributes> a = new LinkedHashMap<>();
        a.put(MAX, MetricAttributes.higherWorse("output_difference"));
        a.put(MEAN, MetricAttributes.higherWorse("output_difference"));
        return a;
    }
}
