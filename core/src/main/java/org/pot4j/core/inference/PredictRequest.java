package org.pot4j.core.inference;

import java.util.Objects;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.progress.ProgressListener;

/**
 * One pass over samples of a data loader.
 *
 * @param sampler        which samples, in what order, in what batches
 * @param statistics     statistics to compute at graph ports during the pass
 * @param computeMetrics whether to update and report the metric
 * @param progress       told about the pass's progress
 */
public record PredictRequest(Sampler sampler, StatisticsRequest statistics, boolean computeMetrics,
                             ProgressListener progress) {
    public PredictRequest {
        Objects.requireNonNull(sampler, "sampler");
        statistics = statistics == null ? StatisticsRequest.empty() : statistics;
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** A statistics-only pass. */
    public static PredictRequest statistics(Sampler sampler, StatisticsRequest statistics, ProgressListener progress) {
        return new PredictRequest(sampler, statistics, false, progress);
    }

    /** A metric-only pass. */
    public static PredictRequest evaluation(Sampler sampler, ProgressListener progress) {
        return new PredictRequest(sampler, StatisticsRequest.empty(), true, progress);
    }
}
