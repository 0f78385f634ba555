package org.pot4j.accuracyaware;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.pot4j.api.algorithm.ModelEvaluator;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;

/**
 * Scores with the pipeline's metric (spec §2.2, §2.4): the configured metrics (all of the metric's when none is
 * named), per-sample values as the metric reports them after each batch, the ranking score being the metric's value
 * on the ranking subset with its direction applied. A metric name the pipeline's metric does not report is an error.
 */
final class MetricScorer implements Scorer {
    private final ModelEvaluator evaluator;
    private final Map<String, MetricAttributes> metrics;

    MetricScorer(ModelEvaluator evaluator, List<AccuracyAwareParameters.MetricChoice> chosen) {
        this.evaluator = evaluator;
        Map<String, MetricAttributes> available = evaluator.metrics();
        Map<String, MetricAttributes> selected = new LinkedHashMap<>();
        if (chosen.isEmpty()) {
            selected.putAll(available);
        }
        for (AccuracyAwareParameters.MetricChoice c : chosen) {
            MetricAttributes a = available.get(c.name());
            if (a == null) {
                throw new ConfigurationException("params.metrics", "no metric named '" + c.name()
                        + "'; the pipeline's metric reports " + available.keySet());
            }
            selected.put(c.name(), a);
        }
        this.metrics = Map.copyOf(selected);
        this.ordered = List.copyOf(selected.keySet());
    }

    private final List<String> ordered;

    @Override
    public Map<String, MetricAttributes> metrics() {
        Map<String, MetricAttributes> out = new LinkedHashMap<>();
        ordered.forEach(n -> out.put(n, metrics.get(n)));
        return out;
    }

    @Override
    public int[] samples() {
        return IntStream.range(0, evaluator.size()).toArray();
    }

    @Override
    public Scores score(Model model, int[] samples) {
        ModelEvaluator.Evaluation e = evaluator.evaluate(model, samples);
        Map<String, Double> averages = new LinkedHashMap<>();
        Map<String, List<Double>> perSample = new LinkedHashMap<>();
        for (String name : ordered) {
            averages.put(name, e.averages().get(name));
            double sign = Scorer.sign(metrics.get(name));
            perSample.put(name, e.perSample().getOrDefault(name, List.of()).stream().map(v -> sign * v).toList());
        }
        return new Scores(averages, perSample);
    }

    @Override
    public double rankingScore(Model model, int[] samples, String metric) {
        return Scorer.sign(metrics.get(metric)) * evaluator.evaluate(model, samples).averages().get(metric);
    }
}
