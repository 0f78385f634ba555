package org.pot4j;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.cascade.Cascade;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModelReader;
import org.pot4j.core.config.CompressionConfig;
import org.pot4j.core.config.EngineConfig;
import org.pot4j.core.config.ModelConfig;
import org.pot4j.core.config.Pot4jConfigReader;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.model.ModelFolder;
import org.pot4j.core.model.ModelWeights;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * POT's API as static methods, one per step of a POT script, taking the same configuration keys:
 *
 * <pre>{@code
 * Model model = Pot.loadModel(Map.of("model_name", "model", "model", xml, "weights", bin));
 * try (PotEngine engine = Pot.createEngine(Map.of("device", "CPU"), dataLoader)) {
 *     Pipeline pipeline = Pot.createPipeline(List.of(Map.of("name", "DefaultQuantization",
 *             "params", Map.of("target_device", "ANY", "stat_subset_size", 300))), engine);
 *     Model compressed = pipeline.run(model);
 *     Pot.compressModelWeights(compressed);
 *     List<SavedModel> saved = Pot.saveModel(compressed, Path.of("optimized_model"), "optimized_model");
 * }
 * }</pre>
 *
 * <p>Configuration maps hold what POT's dictionaries and JSON hold: strings, numbers (any {@link Number}), booleans,
 * lists and maps, and {@link Path}s or strings for files (relative ones against the working directory). A mistake is
 * reported as a {@link ConfigurationException} naming the key, with the key paths of POT's configuration file
 * ({@code model.weights}, {@code engine.type}, {@code compression.algorithms[0].params.preset}).
 *
 * <p>Plugins (model formats, engines, algorithms) are discovered once from the class path with
 * {@link java.util.ServiceLoader}; hosts that find plugins themselves (PF4J, OSGi) pass their own
 * {@link PluginRegistry} to the overloads that take one.
 *
 * <p>Every method is thread-safe; models and engines themselves are not shared between threads.
 */
public final class Pot {
    /** Real paths of the model files read by {@link #loadModel}: a save never replaces them. */
    private static final Set<Path> INPUT_FILES = ConcurrentHashMap.newKeySet();

    private Pot() {
    }

    /**
     * The plugins found on the class path, discovered on first use.
     *
     * @return the registry the overloads without one use
     * @throws org.pot4j.api.error.PluginException naming a plugin that cannot be loaded or whose names clash
     */
    public static PluginRegistry plugins() {
        return ClassPathPlugins.REGISTRY;
    }

    /**
     * Reads a model, as POT's {@code load_model(model_config)}.
     *
     * @param modelConfig {@code model_name} and {@code model} (and {@code weights} for an IR whose {@code .bin} is
     *                    not beside it), or {@code model_name} and {@code cascade}: a list of stages, each with
     *                    {@code name}, {@code model} and optionally {@code weights}
     * @return the model, or a cascade model whose stages are its sub-models
     * @throws ConfigurationException naming the key ({@code model.model}) of a missing file or a bad value
     * @throws org.pot4j.api.error.ModelFormatException naming the file when it cannot be read
     */
    public static Model loadModel(Map<String, ?> modelConfig) {
        return loadModel(modelConfig, plugins());
    }

    /**
     * Reads a model with the model formats of {@code registry}.
     *
     * @param modelConfig as {@link #loadModel(Map)}
     * @param registry    the plugins to read with
     * @return the model
     * @throws ConfigurationException naming the key of the first problem
     * @throws org.pot4j.api.error.ModelFormatException naming the file when it cannot be read
     */
    public static Model loadModel(Map<String, ?> modelConfig, PluginRegistry registry) {
        Objects.requireNonNull(modelConfig, "modelConfig");
        ModelConfig config = Pot4jConfigReader.readModel(modelConfig, Path.of(""));
        Model model = CascadeModelReader.read(config, registry.context());
        config.model().ifPresent(Pot::rememberInput);
        config.weights().ifPresent(Pot::rememberInput);
        config.cascade().forEach(stage -> {
            rememberInput(stage.model());
            stage.weights().ifPresent(Pot::rememberInput);
        });
        return model;
    }

    /**
     * Creates an engine over a data loader, as POT's {@code IEEngine(config, data_loader)}.
     *
     * @param engineConfig {@code type}: the engine's name ({@code reference}, the default, also called
     *                     {@code simplified}; {@code onnxruntime}; any installed engine), {@code device}
     *                     ({@code CPU}), and any option of that engine; POT's {@code stat_requests_number} and
     *                     {@code eval_requests_number} are accepted
     * @param dataLoader   the samples statistics and evaluations run on
     * @return the engine with its data loader; close it when done
     * @throws ConfigurationException naming the key ({@code engine.type}) of the first problem
     */
    public static PotEngine createEngine(Map<String, ?> engineConfig, DataLoader dataLoader) {
        return createEngine(engineConfig, dataLoader, null, plugins());
    }

    /**
     * Creates an engine over a data loader with a metric, as POT's {@code IEEngine(config, data_loader, metric)}.
     *
     * @param engineConfig as {@link #createEngine(Map, DataLoader)}
     * @param dataLoader   the samples, with the annotations the metric compares outputs to
     * @param metric       what {@code Pipeline.evaluate} computes, or null
     * @return the engine with its data loader and metric; close it when done
     * @throws ConfigurationException naming the key of the first problem
     */
    public static PotEngine createEngine(Map<String, ?> engineConfig, DataLoader dataLoader, Metric metric) {
        return createEngine(engineConfig, dataLoader, metric, plugins());
    }

    /**
     * Creates an engine of {@code registry}.
     *
     * @param engineConfig as {@link #createEngine(Map, DataLoader)}
     * @param dataLoader   the samples
     * @param metric       the metric, or null
     * @param registry     the plugins the engine is looked up in
     * @return the engine with its data loader and metric; close it when done
     * @throws ConfigurationException naming the key of the first problem
     */
    public static PotEngine createEngine(Map<String, ?> engineConfig, DataLoader dataLoader, Metric metric,
                                         PluginRegistry registry) {
        Objects.requireNonNull(dataLoader, "dataLoader");
        EngineConfig config = engineSection(engineConfig);
        String name = config.engineName(registry);
        Engine engine = registry.engine(name).create(new EngineSettings(config.device(), config.extra()),
                registry.context());
        return wrap(engine, dataLoader, metric);
    }

    /**
     * Wraps an engine written or created by the caller (a subclass-free alternative to POT's custom engines), so a
     * pipeline can run on it.
     *
     * @param engine     the engine; the returned object closes it
     * @param dataLoader the samples
     * @param metric     the metric, or null
     * @return the engine with its data loader and metric
     */
    public static PotEngine createEngine(Engine engine, DataLoader dataLoader, Metric metric) {
        return wrap(Objects.requireNonNull(engine, "engine"), Objects.requireNonNull(dataLoader, "dataLoader"), metric);
    }

    /**
     * Creates the engine of a cascade model, as POT's custom cascade engines (its {@code MTCNNEngine} sample): the
     * caller writes only the {@link Cascade} (what runs on one sample: which stage, on which inputs); each stage runs
     * in an engine of an existing kind, and statistics are collected at every stage inference.
     *
     * @param engineConfig {@code type}: the engine each stage runs in (default {@code reference}), {@code device},
     *                     and that engine's options
     * @param cascade      the cascade's logic
     * @param dataLoader   whole samples (one at a time: samples of a cascade are not batched)
     * @param metric       the metric, or null
     * @return the engine with its data loader and metric; close it when done
     * @throws ConfigurationException naming the key of the first problem
     */
    public static PotEngine createCascadeEngine(Map<String, ?> engineConfig, Cascade cascade, DataLoader dataLoader,
                                                Metric metric) {
        return createCascadeEngine(engineConfig, cascade, dataLoader, metric, plugins());
    }

    /**
     * Creates the engine of a cascade model whose stages run in engines of {@code registry}.
     *
     * @param engineConfig as {@link #createCascadeEngine(Map, Cascade, DataLoader, Metric)}
     * @param cascade      the cascade's logic
     * @param dataLoader   whole samples
     * @param metric       the metric, or null
     * @param registry     the plugins the stage engine is looked up in
     * @return the engine with its data loader and metric; close it when done
     * @throws ConfigurationException naming the key of the first problem
     */
    public static PotEngine createCascadeEngine(Map<String, ?> engineConfig, Cascade cascade, DataLoader dataLoader,
                                                Metric metric, PluginRegistry registry) {
        Objects.requireNonNull(cascade, "cascade");
        Objects.requireNonNull(dataLoader, "dataLoader");
        EngineConfig config = engineSection(engineConfig);
        String delegate = config.engineName(registry);
        EngineSettings settings = new EngineSettings(config.device(), Map.of());
        Engine engine = new CascadeEngine(cascade.getClass().getSimpleName(), settings, registry.context(), delegate,
                config.extra(), cascade);
        return wrap(engine, dataLoader, metric);
    }

    /**
     * Creates a pipeline of algorithms, as POT's {@code create_pipeline(algo_config, engine)}.
     *
     * @param algorithms each with {@code name} and {@code params}; as in POT's API, the compression keys
     *                   {@code target_device}, {@code model_type}, {@code dump_intermediate_model} and
     *                   {@code inplace_statistics} are given among the params (the same for every algorithm)
     * @param engine     the engine statistics and evaluations run on
     * @return the pipeline: {@code run(model)} returns the optimized model, {@code evaluate(model)} the metric; its
     *         passes log their progress to the {@code org.pot4j} {@link System.Logger}
     * @throws ConfigurationException naming the key ({@code compression.algorithms[0].params.preset}) of the first
     *                                problem, before any work
     * @throws org.pot4j.api.error.PluginException naming an algorithm that is not installed
     */
    public static Pipeline createPipeline(List<? extends Map<String, ?>> algorithms, PotEngine engine) {
        return createPipeline(algorithms, engine, plugins());
    }

    /**
     * Creates a pipeline of algorithms of {@code registry}.
     *
     * @param algorithms as {@link #createPipeline(List, PotEngine)}
     * @param engine     the engine statistics and evaluations run on
     * @param registry   the plugins the algorithms are looked up in
     * @return the pipeline
     * @throws ConfigurationException naming the key of the first problem
     * @throws org.pot4j.api.error.PluginException naming an algorithm that is not installed
     */
    public static Pipeline createPipeline(List<? extends Map<String, ?>> algorithms, PotEngine engine,
                                          PluginRegistry registry) {
        Objects.requireNonNull(algorithms, "algorithms");
        Objects.requireNonNull(engine, "engine");
        CompressionConfig compression = Pot4jConfigReader.readAlgorithms(algorithms);
        List<Algorithm> created = new ArrayList<>();
        for (int i = 0; i < compression.algorithms().size(); i++) {
            created.add(compression.create(i, registry.algorithm(compression.algorithms().get(i).name()),
                    registry.context()));
        }
        InferenceLoop loop = engine.loop().withInplaceStatistics(compression.inplaceStatistics());
        return Pipeline.create(created, loop, new LoggedProgress());
    }

    /**
     * Stores the quantized weights of a model as int8 with a dequantization, in place, as POT's
     * {@code compress_model_weights(model)}; every stage of a cascade.
     *
     * @param model the model a pipeline returned
     * @return the number of weight tensors compressed
     * @throws org.pot4j.api.error.ModelFormatException when the model's format cannot compress weights
     */
    public static int compressModelWeights(Model model) {
        return ModelWeights.compress(Objects.requireNonNull(model, "model"));
    }

    /**
     * Saves a model under its own name, as POT's {@code save_model(model, save_path)}.
     *
     * @param model    the model
     * @param savePath the folder to write into (created when needed)
     * @return the files written, one entry per model or cascade stage
     * @throws org.pot4j.api.error.Pot4jException naming what cannot be written
     */
    public static List<SavedModel> saveModel(Model model, Path savePath) {
        return saveModel(model, savePath, model.name(), plugins());
    }

    /**
     * Saves a model, as POT's {@code save_model(model, save_path, model_name)}: {@code <model_name>.xml/.bin} (or
     * {@code .onnx}), and {@code <model_name>_<stage>.*} for each stage of a cascade. Files are written into a
     * temporary folder and moved into place, so a failure leaves no half-written model; an earlier save of the same
     * name is replaced, a model file read by {@link #loadModel} never is.
     *
     * @param model     the model
     * @param savePath  the folder to write into (created when needed)
     * @param modelName the name of the files: a plain file name, not a path
     * @return the files written, one entry per model or cascade stage
     * @throws ConfigurationException when the name is not a plain file name
     * @throws org.pot4j.api.error.Pot4jException naming what cannot be written
     */
    public static List<SavedModel> saveModel(Model model, Path savePath, String modelName) {
        return saveModel(model, savePath, modelName, plugins());
    }

    /**
     * Saves a model with the model formats of {@code registry}.
     *
     * @param model     the model
     * @param savePath  the folder to write into
     * @param modelName the name of the files: a plain file name
     * @param registry  the plugins whose formats write the model
     * @return the files written, one entry per model or cascade stage
     * @throws ConfigurationException when the name is not a plain file name
     * @throws org.pot4j.api.error.Pot4jException naming what cannot be written
     */
    public static List<SavedModel> saveModel(Model model, Path savePath, String modelName, PluginRegistry registry) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(savePath, "savePath");
        try {
            ModelFolder.checkModelName(modelName);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("model_name", e.getMessage());
        }
        List<Path> written = ModelFolder.save(model, savePath, modelName, registry.context(), List.copyOf(INPUT_FILES));
        List<Model> stages = model.isCascade() ? model.subModels() : List.of(model);
        List<SavedModel> saved = new ArrayList<>();
        for (Model stage : stages) {
            String stem = model.isCascade() ? modelName + "_" + stage.name() : modelName;
            saved.add(savedFiles(model.isCascade() ? stage.name() : modelName, stem, written,
                    registry.context().modelFormat(stage.format())));
        }
        return List.copyOf(saved);
    }

    /** The model file of one stage among the written files, and the file written right after it as its weights. */
    private static SavedModel savedFiles(String name, String stem, List<Path> written, Optional<ModelFormat> format) {
        List<String> extensions = format.map(ModelFormat::extensions).orElse(List.of());
        for (int i = 0; i < written.size(); i++) {
            Path file = written.get(i);
            if (isModelFile(file, extensions) && ModelSource.of(file).name().equals(stem)) {
                Optional<Path> weights = i + 1 < written.size() && !isModelFile(written.get(i + 1), extensions)
                        ? Optional.of(written.get(i + 1)) : Optional.empty();
                return new SavedModel(name, file, weights);
            }
        }
        // a format with unusual file names: the first file written is the model file
        return new SavedModel(name, written.get(0), Optional.empty());
    }

    private static boolean isModelFile(Path file, List<String> extensions) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && extensions.contains(name.substring(dot + 1));
    }

    private static EngineConfig engineSection(Map<String, ?> engineConfig) {
        Map<String, Object> section = new LinkedHashMap<>(Objects.requireNonNull(engineConfig, "engineConfig"));
        EngineConfig config = Pot4jConfigReader.readEngine(section, Path.of(""));
        if (config.dataSource().isPresent()) {
            throw new ConfigurationException("engine.data_source", "not used here: the engine runs on the data loader"
                    + " passed with the configuration (an image folder: the image loader's ImageDataLoader)");
        }
        if (config.layout().isPresent() || config.centralFraction().isPresent()) {
            throw new ConfigurationException(config.layout().isPresent() ? "engine.layout" : "engine.central_fraction",
                    "an image loader setting: give it to the data loader");
        }
        return config;
    }

    private static PotEngine wrap(Engine engine, DataLoader dataLoader, Metric metric) {
        InferenceLoop loop = InferenceLoop.of(engine, dataLoader);
        return new PotEngine(metric == null ? loop : loop.withMetric(metric));
    }

    private static void rememberInput(Path file) {
        try {
            INPUT_FILES.add(file.toRealPath());
        } catch (IOException e) {
            INPUT_FILES.add(file.toAbsolutePath().normalize());
        }
    }

    /** The class path's plugins, discovered when first asked for. */
    private static final class ClassPathPlugins {
        static final PluginRegistry REGISTRY = PluginRegistry.discover(Pot.class.getClassLoader());
    }
}
