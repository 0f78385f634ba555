package org.pot4j.accuracyaware;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pot4j.api.metric.MetricAttributes;

/**
 * The drop rule of spec §2.3: each metric's allowed drop ({@code maximal_drop}, times the baseline when the drop type
 * is relative), a model's drop per metric (baseline minus value, sign flipped for a higher-worse metric), whether
 * every metric is within its limit, and which metric the greedy search optimises first.
 */
final class DropTargets {
    private final Map<String, MetricAttributes> metrics;
    private final Map<String, Double> baseline;
    private final Map<String, Double> maxDrop;

    private DropTargets(Map<String, MetricAttributes> metrics, Map<String, Double> baseline,
                        Map<String, Double> maxDrop) {
        this.metrics = metrics;
        this.baseline = baseline;
        this.maxDrop = maxDrop;
    }

    /**
     * @param metrics     the optimised metrics with their direction, in configuration order (the order decides ties)
     * @param baseline    each metric's baseline value
     * @param maximalDrop {@code maximal_drop}
     * @param relative    {@code drop_type: relative}: the allowed drop is {@code maximalDrop} times the (signed)
     *                    baseline
     */
    static DropTargets of(Map<String, MetricAttributes> metrics, Map<String, Double> baseline, double maximalDrop,
                          boolean relative) {
        Map<String, MetricAttributes> m = new LinkedHashMap<>(metrics);
        Map<String, Double> b = new LinkedHashMap<>();
        Map<String, Double> max = new LinkedHashMap<>();
        for (String name : m.keySet()) {
            Double value = baseline.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no baseline for metric '" + name + "'");
            }
            b.put(name, value);
            max.put(name, relative ? maximalDrop * value : maximalDrop);
        }
        return new DropTargets(Collections.unmodifiableMap(m), Collections.unmodifiableMap(b),
                Collections.unmodifiableMap(max));
    }

    /** {@return each metric's baseline, in metric order} */
    Map<String, Double> baseline() {
        return baseline;
    }

    /** {@return each metric's allowed drop, in metric order} */
    Map<String, Double> maxDrop() {
        return maxDrop;
    }

    /** {@return the drop of a model whose metric values are {@code values}: POT's comparator(baseline - value)} */
    Map<String, Double> drops(Map<String, Double> values) {
        Map<String, Double> drop = new LinkedHashMap<>();
        for (Map.Entry<String, MetricAttributes> e : metrics.entrySet()) {
            drop.put(e.getKey(), Scorer.sign(e.getValue()) * (baseline.get(e.getKey()) - values.get(e.getKey())));
        }
        return drop;
    }

    /** {@return true when every metric's drop is within its allowed drop (inclusive)} */
    boolean met(Map<String, Double> drop) {
        return maxDrop.entrySet().stream().allMatch(e -> drop.get(e.getKey()) <= e.getValue());
    }

    /**
     * The metric to optimise: the largest excess over its allowed drop relative to its baseline,
     * {@code (drop - maxDrop) / baseline}; ties go to the later metric (POT takes the last of a stable sort).
     */
    String worstMetric(Map<String, Double> drop) {
        String worst = null;
        double best = Double.NEGATIVE_INFINITY;
        for (String m : metrics.keySet()) {
            double excess = (drop.get(m) - maxDrop.get(m)) / baseline.get(m);
            if (worst == null || excess >= best) {
                best = excess;
                worst = m;
            }
        }
        return worst;
    }
}
