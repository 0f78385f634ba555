package org.pot4j.accuracyaware;

import java.util.List;
import java.util.Map;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;

/**
 * How AccuracyAware scores a model: with the pipeline's metric ({@link MetricScorer}), or without annotations by
 * agreement with the FP32 model's own outputs ({@link ReferenceScorer}).
 */
interface Scorer {
    /** {@return the metrics scored, with their direction, in order} */
    Map<String, MetricAttributes> metrics();

    /** {@return the data set indices scored (every sample, or those the label-free mode kept)} */
    int[] samples();

    /**
     * Scores {@code model} on {@code samples}.
     *
     * @return each metric's average, and per metric the per-sample values the ranking subset is chosen by (higher
     *         is better; in the order of {@code samples})
     */
    Scores score(Model model, int[] samples);

    /**
     * The score of a candidate on the ranking subset (spec §2.7): higher means reverting helped more.
     *
     * @param metric the metric being optimised
     */
    double rankingScore(Model model, int[] samples, String metric);

    /**
     * Averages and per-sample values.
     *
     * @param averages  by metric name
     * @param perSample by metric name, higher is better, in sample order
     */
    record Scores(Map<String, Double> averages, Map<String, List<Double>> perSample) {
    }

    /** {@return +1 for a higher-better metric, -1 for higher-worse (POT's comparator)} */
    static double sign(MetricAttributes attributes) {
        return switch (attributes.direction()) {
            case "higher-better" -> 1;
            case "higher-worse" -> -1;
            default -> throw new IllegalArgumentException("unknown metric direction '" + attributes.direction() + "'");
        };
    }
}
