package org.pot4j.cli.run;

import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.cli.metric.ReferenceLabelsLoader;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * POT's {@code -e}, as pot4j does it without an Accuracy Checker: the run's samples through the FP32 model and the
 * saved INT8 model. Samples with labels (an image loader's {@code labels_file}, {@code --labels}, or any loader giving
 * Integer annotations) give each model's top-1 accuracy; samples without labels give the INT8 model's top-1 agreement
 * with the FP32 model. Both use the {@code accuracy} metric ({@code TopKAccuracy}) through {@link ModelEvaluation}.
 */
final class BeforeAfterEvaluation {
    private static final String METRIC = "accuracy";

    private final PluginRegistry registry;
    private final ProgressListener progress;
    private final RunLog log;

    BeforeAfterEvaluation(PluginRegistry registry, ProgressListener progress, RunLog log) {
        this.registry = registry;
        this.progress = progress;
        this.log = log;
    }

    /**
     * Evaluates both models and logs the results (console and {@code log.txt}).
     *
     * @param engine   the run's engine, used for both models in turn
     * @param factory  the run's engine factory, for a second engine holding the FP32 model (agreement)
     * @param settings the run's engine settings
     * @param data     the run's samples
     * @param fp32     the model as read from its file
     * @param int8     the saved model as read back from its file
     */
    void run(Engine engine, EngineFactory factory, EngineSettings settings, DataLoader data, Model fp32, Model int8) {
        if (fp32.isCascade()) {
            log.info("Evaluation (-e): no metric for a cascade of models; pot4j evaluates single models (classifier"
                    + " accuracy or top-1 agreement), so nothing was evaluated");
            return;
        }
        int n = data.size();
        boolean labelled = data.get(0).annotation() instanceof Number;
        if (labelled) {
            log.info("Evaluation (-e) on " + n + " labelled samples (first output, top-1):");
            for (Model model : List.of(fp32, int8)) {
                engine.setModel(model);
                Map<String, Double> values = ModelEvaluation.run(engine, data, accuracy(), n, 1, progress);
                values.forEach((name, v) -> log.info("  " + (model == fp32 ? "FP32 " : "INT8 ")
                        + ModelEvaluation.percent(name, v, n)));
            }
            return;
        }
        log.info("Evaluation (-e): the samples have no labels (give --labels FILE, or \"labels_file\" in the engine"
                + " section), so the INT8 model is compared with the FP32 model on " + n + " samples (first output):");
        try (Engine reference = factory.create(settings, registry.context())) {
            reference.setModel(fp32);
            engine.setModel(int8);
            Map<String, Double> values = ModelEvaluation.run(engine, new ReferenceLabelsLoader(data, reference),
                    accuracy(), n, 1, progress);
            values.forEach((name, v) -> log.info("  " + ModelEvaluation.percent("top-1 agreement with FP32", v, n)));
        }
    }

    private Metric accuracy() {
        return registry.metric(METRIC).create(Map.of("top_k", 1), registry.context());
    }
}
