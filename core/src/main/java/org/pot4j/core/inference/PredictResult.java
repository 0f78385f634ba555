package org.pot4j.core.inference;

import java.util.Map;
import org.pot4j.api.engine.CollectedStatistics;

/**
 * The outcome of a pass.
 *
 * @param metrics    the metric's average values by name (empty when no metric was computed)
 * @param statistics the requested statistics at every port some inference of the pass showed
 */
public record PredictResult(Map<String, Double> metrics, CollectedStatistics statistics) {
    public PredictResult {
        metrics = Map.copyOf(metrics);
        statistics = statistics == null ? CollectedStatistics.empty() : statistics;
    }
}
