package org.pot4j.cli.run;

import java.util.Locale;
import java.util.Map;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;

/**
 * The evaluation loop {@code pot4j evaluate} and {@code -e} share: a metric over the first samples of a loader, run
 * through core's {@link InferenceLoop} on an engine that has the model loaded, and how its values are printed.
 */
public final class ModelEvaluation {
    private ModelEvaluation() {
    }

    /**
     * The metric's averages over samples {@code 0 .. samples-1} of {@code data}.
     *
     * @param engine   an engine with the model loaded
     * @param data     the samples, with the annotations the metric needs
     * @param metric   a fresh metric
     * @param samples  how many samples, from the first
     * @param batch    samples per inference
     * @param progress where the progress goes
     * @return the metric's values by name
     */
    public static Map<String, Double> run(Engine engine, DataLoader data, Metric metric, int samples, int batch,
                                          ProgressListener progress) {
        Sampler sampler = Sampler.sequential(samples, batch);
        return InferenceLoop.of(engine, data).withMetric(metric)
                .run(PredictRequest.evaluation(sampler, progress)).metrics();
    }

    /** {@code accuracy@top1: 70.00 % (7 of 10)}: a fraction of {@code samples} as a percentage and a count. */
    public static String percent(String name, double value, int samples) {
        return String.format(Locale.ROOT, "%s: %.2f %% (%d of %d)", name, 100 * value, Math.round(value * samples),
                samples);
    }
}
