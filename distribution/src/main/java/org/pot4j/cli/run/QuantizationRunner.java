package org.pot4j.cli.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.DataException;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.core.cascade.CascadeModelReader;
import org.pot4j.core.config.AlgorithmConfig;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.config.CompressionConfig;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * Runs a {@link QuantizationJob}: creates the algorithms (a bad parameter fails before any model is read), reads the
 * model, opens the data, creates the engine (all before any output folder exists, so a mistake costs nothing), runs
 * the pipeline, compresses the weights, records how the model was quantized, and writes it beside its log.
 */
public final class QuantizationRunner {
    private final PluginRegistry registry;
    private final ProgressListener progress;
    private final Clock clock;

    public QuantizationRunner(PluginRegistry registry, ProgressListener progress, Clock clock) {
        this.registry = registry;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Runs the job.
     *
     * @param log the run's log (console and {@code log.txt})
     * @return the saved model file
     * @throws org.pot4j.api.error.Pot4jException naming what is wrong; a bad algorithm parameter is a
     *                        {@link org.pot4j.api.error.ConfigurationException} naming its key from the configuration's
     *                        root ({@code compression.algorithms[0].params.stat_subset_size})
     */
    public Path run(QuantizationJob job, String version, RunLog log) {
        PluginContext context = registry.context();
        // names first: a typo in an engine or algorithm name fails before any model is read
        EngineFactory engineFactory = registry.engine(job.engine().name());
        String loaderName = job.samples().map(SampleSource::loaderName).orElse(job.loaderName());
        DataLoaderFactory loaderFactory = registry.dataLoader(loaderName);
        CompressionConfig compression = job.compression();
        List<AlgorithmFactory> algorithmFactories = new ArrayList<>();
        for (AlgorithmConfig a : compression.algorithms()) {
            algorithmFactories.add(registry.algorithm(a.name()));
        }
        log.detail("pot4j " + version);
        log.detail("command line: " + job.commandLine());
        log.detail("target device " + compression.targetDevice()
                + compression.modelType().map(t -> ", model type " + t).orElse(""));
        List<Algorithm> algorithms = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < compression.algorithms().size(); i++) {
            AlgorithmConfig a = compression.algorithms().get(i);
            algorithms.add(compression.create(i, algorithmFactories.get(i), context));
            names.add(a.name());
            log.detail("algorithm " + a.name() + " params " + a.params());
        }
        log.info("Loading model " + job.model());
        Model model = job.cascade().isPresent() ? CascadeModelReader.read(job.cascade().get(), context)
                : ModelFiles.read(registry, job.model(), job.weights(), job.modelName());

        DataLoader data;
        if (job.samples().isPresent() && !model.isCascade()) {
            SampleSource.Opened opened = job.samples().get().open(registry, model, context);
            data = opened.loader();
            log.detail("data loader " + opened.loaderName() + " " + opened.config());
        } else {
            Map<String, Object> loaderConfig = new LinkedHashMap<>(job.loaderConfig());
            // a cascade engine takes whole images: each stage cuts and resizes its own inputs
            if (!model.isCascade() && !loaderConfig.containsKey("input_shape")) {
                loaderConfig.put("input_shape", ModelInputs.inputShape(model));
            }
            data = loaderFactory.create(loaderConfig, context);
        }
        if (data.size() == 0) {
            throw new DataException("no samples in " + data.description());
        }
        log.info("Data: " + data.size() + " samples from " + data.description());

        List<Path> inputs = new ArrayList<>();
        inputs.add(job.model());
        job.weights().ifPresent(inputs::add);
        job.cascade().ifPresent(c -> c.cascade().forEach(stage -> {
            inputs.add(stage.model());
            stage.weights().ifPresent(inputs::add);
        }));
        OutputLayout layout = OutputLayout.plan(job.output(), job.modelName(), names, LocalDateTime.now(clock));
        layout.refuseToOverwrite(inputs);

        QuantizationJob.EngineChoice choice = job.engine();
        try (Engine engine = engineFactory.create(
                new EngineSettings(choice.device(), choice.config()), context);
             PluginLogCapture capture = new PluginLogCapture(log)) {
            layout.create();
            try {
                log.detail("configuration: " + job.configJson());
                log.info("Engine: " + engine.name() + " on " + choice.device()
                        + (choice.config().isEmpty() ? "" : " " + choice.config()));
                long start = System.nanoTime();
                log.info("Running " + String.join(", ", names) + " on " + model.name());
                InferenceLoop loop = InferenceLoop.of(engine, data)
                        .withInplaceStatistics(job.compression().inplaceStatistics());
                Model result = Pipeline.create(algorithms, loop,
                        new LoggedProgress(progress, log)).run(model);
                log.info(String.format(Locale.ROOT, "Quantized in %.1f s (%s)", (System.nanoTime() - start) / 1e9,
                        PeakMemory.describe()));
                finish(result, job, version, log);
                Path saved = save(result, job, layout, inputs, context);
                log.detail("Saved: " + saved);
                layout.writeText(OutputLayout.LOG_FILE, log.text());
                return saved;
            } catch (RuntimeException e) {
                log.error(e.getMessage() == null ? e.toString() : e.getMessage());
                layout.writeText(OutputLayout.LOG_FILE, log.text());
                throw e;
            }
        }
    }

    /** Compresses weights to int8 unless asked not to, and records the run in the model (each stage of a cascade). */
    private static void finish(Model result, QuantizationJob job, String version, RunLog log) {
        if (result.isCascade()) {
            result.subModels().forEach(stage -> finish(stage, job, version, log));
            return;
        }
        Optional<QuantizationEditor> editor = result.extension(QuantizationEditor.class);
        if (editor.isEmpty()) {
            log.warning("the " + result.format() + " format cannot compress weights or record how the model was"
                    + " quantized; writing it as it is");
            return;
        }
        if (!job.output().keepUncompressedWeights()) {
            int compressed = editor.get().compressWeights();
            log.info("Compressed " + compressed + " weight tensor" + (compressed == 1 ? "" : "s") + " to int8");
        }
        Map<String, String> info = new LinkedHashMap<>();
        info.put("config", job.configJson());
        info.put("version", "pot4j " + version);
        info.put("cli_params", job.commandLine());
        editor.get().setQuantizationInfo(info);
    }

    private static Path save(Model result, QuantizationJob job, OutputLayout layout, List<Path> inputs,
                             PluginContext context) {
        // a cascade is saved as <model_name>_<stage> files, each in its stage's format (POT_SPEC §12)
        return layout.save(result, job.modelName(), context, inputs).get(0);
    }
}
