package org.pot4j.cli.run;

import java.io.IOException;
import java.nio.file.Files;
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
 * Runs a {@link QuantizationJob}: creates the algorithms (a bad parameter fails before any model is read), checks that
 * the output folder can be written, reads the model, opens the data, creates the engine (all before any output folder
 * exists, so a mistake costs nothing), runs the pipeline, compresses the weights, records how the model was quantized,
 * writes it beside its log and, with {@code -e}, evaluates the FP32 and the saved model.
 *
 * <p>A run that fails before its model is saved removes the folders it created (no folder holding only a
 * {@code log.txt} is left behind, and the {@code log.txt} of an earlier {@code -d} run is not replaced); its log goes
 * to a file in the temporary folder, named on standard error.
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
        List<String> names = new ArrayList<>();
        for (AlgorithmConfig a : compression.algorithms()) {
            algorithmFactories.add(registry.algorithm(a.name()));
            names.add(a.name());
        }
        // then the output folder: a folder that cannot be written fails before any work, with -d or without
        OutputLayout layout = OutputLayout.plan(job.output(), job.modelName(), names, LocalDateTime.now(clock));
        layout.checkWritable();

        try (PluginLogCapture capture = new PluginLogCapture(log)) {
            log.detail("pot4j " + version);
            log.detail("command line: " + job.commandLine());
            log.detail("target device " + compression.targetDevice()
                    + compression.modelType().map(t -> ", model type " + t).orElse(""));
            List<Algorithm> algorithms = new ArrayList<>();
            for (int i = 0; i < compression.algorithms().size(); i++) {
                AlgorithmConfig a = compression.algorithms().get(i);
                algorithms.add(compression.create(i, algorithmFactories.get(i), context));
                log.detail("algorithm " + a.name() + " params " + a.params());
            }
            log.info("Loading model " + job.model());
            Model model = readModel(job, context);
            DataLoader data = openData(job, model, loaderFactory, log, context);
            log.info("Data: " + data.size() + " samples from " + data.description());

            List<Path> inputs = new ArrayList<>();
            inputs.add(job.model());
            job.weights().ifPresent(inputs::add);
            job.cascade().ifPresent(c -> c.cascade().forEach(stage -> {
                inputs.add(stage.model());
                stage.weights().ifPresent(inputs::add);
            }));
            layout.refuseToOverwrite(inputs);

            QuantizationJob.EngineChoice choice = job.engine();
            EngineSettings settings = new EngineSettings(choice.device(), choice.config());
            Path saved = null;
            try {
                try (Engine engine = engineFactory.create(settings, context)) {
                    layout.create();
                    log.detail("configuration: " + job.configJson());
                    log.info("Engine: " + engine.name() + " on " + choice.device()
                            + (choice.config().isEmpty() ? "" : " " + choice.config()));
                    long start = System.nanoTime();
                    log.info("Running " + String.join(", ", names) + " on " + model.name());
                    InferenceLoop loop = InferenceLoop.of(engine, data)
                            .withInplaceStatistics(job.compression().inplaceStatistics());
                    if (names.contains(ACCURACY_AWARE) && hasLabels(job)) {
                        // AccuracyAware's metric: top-1 on the labels; without labels it runs label-free
                        loop = loop.withMetric(new org.pot4j.cli.metric.TopKAccuracy(1));
                        log.info(ACCURACY_AWARE + ": metric top-1 accuracy on the labels");
                    }
                    Model result = Pipeline.create(algorithms, loop, new LoggedProgress(progress, log)).run(model);
                    log.info(String.format(Locale.ROOT, "Quantized in %.1f s (%s)", (System.nanoTime() - start) / 1e9,
                            PeakMemory.describe()));
                    finish(result, job, version, log);
                    saved = save(result, job, layout, inputs, context);
                    log.detail("Saved: " + saved);
                    if (job.evaluate()) {
                        // both models as their files hold them: the input, and the INT8 model as saved
                        Model fp32 = readModel(job, context);
                        Model int8 = fp32.isCascade() ? fp32
                                : ModelFiles.read(registry, saved, Optional.empty(), job.modelName());
                        new BeforeAfterEvaluation(registry, new LoggedProgress(progress, log), log).run(engine,
                                engineFactory, settings, data, fp32, int8);
                    }
                }
                // after the engine closed: what it logged on closing (a timing engine's timings) is in the log
                layout.writeText(OutputLayout.LOG_FILE, log.text());
                return saved;
            } catch (RuntimeException e) {
                log.error(e.getMessage() == null ? e.toString() : e.getMessage());
                keepLog(layout, log, saved, job.modelName());
                throw e;
            }
        }
    }

    private static final String ACCURACY_AWARE = "AccuracyAwareQuantization";

    /** True when the command line's image samples have a labels file (Integer annotations). */
    /** Labels from {@code quantize --labels}, or a {@code labels_file} in a configuration's engine section. */
    private static boolean hasLabels(QuantizationJob job) {
        return job.samples().map(s -> s.loaderOptions().containsKey("labels_file"))
                .orElse(job.loaderConfig().containsKey("labels_file"));
    }

    private Model readModel(QuantizationJob job, PluginContext context) {
        return job.cascade().isPresent() ? CascadeModelReader.read(job.cascade().get(), context)
                : ModelFiles.read(registry, job.model(), job.weights(), job.modelName());
    }

    private DataLoader openData(QuantizationJob job, Model model, DataLoaderFactory loaderFactory, RunLog log,
                                PluginContext context) {
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
        return data;
    }

    /**
     * The log of a run that failed after its output folder was made: beside the model when one was saved; otherwise
     * the folders the run created are removed and the log goes to a file in the temporary folder, which standard error
     * names.
     */
    private void keepLog(OutputLayout layout, RunLog log, Path saved, String modelName) {
        if (!layout.isCreated()) {
            return; // the work had not started: the error says it all
        }
        if (saved != null) {
            try {
                Path file = layout.writeText(OutputLayout.LOG_FILE, log.text());
                log.note("the model was saved before the failure: " + saved + " (log: " + file + ")");
            } catch (RuntimeException e) {
                log.note("the model was saved before the failure: " + saved + "; its log cannot be written: "
                        + e.getMessage());
            }
            return;
        }
        layout.removeCreated();
        try {
            Path file = Files.createTempFile("pot4j-" + modelName.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                    + OutputLayout.TIMESTAMP.format(LocalDateTime.now(clock)) + "-", ".log");
            Files.writeString(file, log.text());
            log.note("the log of this failed run: " + file);
        } catch (IOException | RuntimeException e) {
            log.note("cannot write the log of this failed run: " + e.getMessage());
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
