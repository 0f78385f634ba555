package org.pot4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.cli.run.JsonText;
import org.pot4j.cli.run.ModelFiles;
import org.pot4j.cli.run.QuantizationJob;
import org.pot4j.cli.run.QuantizationRunner;
import org.pot4j.cli.run.RunLog;
import org.pot4j.cli.run.SampleSource;
import org.pot4j.core.config.AlgorithmConfig;
import org.pot4j.core.config.CompressionConfig;
import org.pot4j.core.config.Presets;
import org.pot4j.core.model.ModelFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** POT's simplified mode ({@code pot -q default ... --engine simplified --data-source DIR}): quantize on samples. */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantizes a model to INT8 on a folder of images or .npy/.npz arrays (POT's simplified mode).",
                "",
                "The model goes to <output-dir>/<model>_<Algorithm>/<timestamp>/optimized/ and the run's log.txt"
                        + " beside that folder (with -d: <output-dir>/optimized/ and <output-dir>/log.txt). The last"
                        + " line names the saved model file.",
                "POT's command line runs as it is: 'pot4j -q default -m M.xml -w M.bin --engine simplified"
                        + " --data-source DIR' is this command with -q.", ""})
final class QuantizeCommand extends Pot4jSubcommand {
    enum Preset { performance, mixed, accuracy }

    enum TargetDevice { ANY, CPU, GPU, NPU, VPU, GNA }

    /** The param {@code --subset-size} sets; the algorithm has its default and checks the value. */
    private static final String SUBSET_SIZE_PARAM = "stat_subset_size";
    /** POT's {@code -q} templates: the algorithm of each method, with {@code stat_subset_size} 300. */
    private static final Map<String, String> POT_METHODS = Map.of("default", "DefaultQuantization",
            "accuracy_aware", "AccuracyAwareQuantization");
    private static final int POT_TEMPLATE_SUBSET_SIZE = 300;
    private static final String DEFAULT_ALGORITHM = "DefaultQuantization";

    @Option(names = {"-q", "--quantize"}, paramLabel = "default|accuracy_aware",
            description = "As POT: quantize with POT's template of the method, DefaultQuantization or"
                    + " AccuracyAwareQuantization, with stat_subset_size 300 (needs -m, -w for an IR, and --engine"
                    + " simplified --data-source DIR; accuracy_aware also --max-drop).")
    String potMethod;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "The model: OpenVINO IR .xml or .onnx.")
    Path model;

    @Option(names = {"-w", "--weights"}, paramLabel = "BIN", description = "The IR .bin (default: beside the .xml).")
    Path weights;

    @Option(names = {"--data", "--data-source"}, paramLabel = "DIR|GLOB|LIST.txt",
            description = "Calibration data (POT's --data-source): images (a folder, a glob such as 'imgs/*.jpg', or a"
                    + " .txt list of files), or a folder of .npy/.npz arrays (one sample per file; an .npz holds one"
                    + " array per input name).")
    String data;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME",
            description = "Model name for the outputs, a plain file name (default: the model file's name).")
    String name;

    @Option(names = "--preset", defaultValue = "performance", paramLabel = "performance|mixed|accuracy",
            description = "Quantization preset, default ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(names = "--target-device", defaultValue = "ANY", paramLabel = "ANY|CPU|GPU|NPU|VPU|GNA",
            description = "Hardware the model is quantized for, default ${DEFAULT-VALUE}.")
    TargetDevice targetDevice;

    @Option(names = "--subset-size", paramLabel = "N",
            description = "Samples to collect statistics on (stat_subset_size); default: the algorithm's own, 300 with"
                    + " -q.")
    Integer subsetSize;

    @Option(names = "--algorithm", paramLabel = "NAME",
            description = "Algorithm to run, default " + DEFAULT_ALGORITHM + " (-q chooses it too).")
    String algorithm;

    @Option(names = "--max-drop", paramLabel = "D",
            description = "As POT: the largest accuracy drop AccuracyAwareQuantization may accept (maximal_drop), for"
                    + " -q accuracy_aware.")
    Double maxDrop;

    @Option(names = "--sensitivity", paramLabel = "REPORT.json",
            description = "Runs AccuracyAwareQuantization (with --max-drop, default 0.01) and writes its per-layer"
                    + " sensitivity report (each quantizer group's metric when it alone is reverted, ranked; the"
                    + " ignored.scope that meets the drop; the ranking's wall time) to REPORT.json; the table goes to"
                    + " the log. Top-1 with --labels, else label-free (agreement with the FP32 model).")
    Path sensitivity;

    @Option(names = "--ac-config", paramLabel = "AC.yml",
            description = "As POT: an Accuracy Checker configuration; pot4j has no Accuracy Checker, so this is"
                    + " refused with what to use instead (--engine simplified --data-source DIR).")
    Path acConfig;

    @Option(names = {"-e", "--evaluate"},
            description = "After saving, evaluate the FP32 and the INT8 model on the samples: top-1 accuracy with"
                    + " labels (--labels), else the INT8 model's top-1 agreement with the FP32 model.")
    boolean evaluate;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Labels of the images for -e: lines 'index<TAB>...<TAB>file name' (as"
                    + " imagenet-samples/labels.tsv).")
    Path labels;

    @Option(names = "--label-offset", defaultValue = "0", paramLabel = "K",
            description = "Added to every label (1 for models with a background class 0), default ${DEFAULT-VALUE}.")
    int labelOffset;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Mixin
    PreprocessingOptions preprocessing = new PreprocessingOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    int execute() {
        if (!Files.isRegularFile(model)) {
            throw usage("model file not found: " + model);
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw usage("weights file not found: " + weights);
        }
        if (acConfig != null) {
            throw usage("--ac-config " + acConfig + ": pot4j has no Accuracy Checker to read it with; quantize on a"
                    + " folder of images instead: --engine simplified --data-source DIR (and --labels FILE for -e)");
        }
        String algorithmName = algorithmName();
        if (data == null) {
            throw usage("missing --data-source DIR (or --data): the calibration images or .npy/.npz arrays");
        }
        String source = DataSources.resolve(data);
        if (source == null) {
            throw usage("--data: file or folder not found: " + data);
        }
        if (labels != null && !Files.isRegularFile(labels)) {
            throw usage("labels file not found: " + labels);
        }
        String modelName = modelName();
        SampleSource samples = withLabels(dataOptions.source(source, preprocessing));
        String loaderName = samples.loaderName();
        String engineName = engine.engineName(registry());

        // the algorithm's own params; the target device is the compression section's, beside them
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("preset", Presets.forDevice(preset.name(), targetDevice.name()));
        if (subsetSize != null) {
            params.put(SUBSET_SIZE_PARAM, subsetSize);
        } else if (potMethod != null) {
            params.put(SUBSET_SIZE_PARAM, POT_TEMPLATE_SUBSET_SIZE);
        }
        if (sensitivity != null) {
            if (!algorithmName.equals(DEFAULT_ALGORITHM) && !algorithmName.equals(POT_METHODS.get("accuracy_aware"))) {
                throw usage("--sensitivity runs AccuracyAwareQuantization; it cannot be combined with --algorithm "
                        + algorithmName);
            }
            algorithmName = POT_METHODS.get("accuracy_aware");
            params.put("sensitivity_report", sensitivity.toAbsolutePath().normalize().toString());
        }
        if (maxDrop != null && algorithmName.equals(POT_METHODS.get("accuracy_aware"))) {
            params.put("maximal_drop", maxDrop);
        } else if (maxDrop != null) {
            err().println("warning: --max-drop applies to -q accuracy_aware (AccuracyAwareQuantization) only; ignored");
        }
        CompressionConfig compression = new CompressionConfig(targetDevice.name(), Optional.empty(), false, true,
                List.of(new AlgorithmConfig(algorithmName, params)));

        // what the engine section records; the loader's own configuration is made once the model is read
        Map<String, Object> loader = new LinkedHashMap<>();
        loader.put("data_source", source);
        if (loaderName.equals(SampleSource.IMAGE)) {
            loader.putAll(preprocessing.loaderConfig());
        } else {
            loader.put("data_loader", loaderName);
        }
        if (!dataOptions.inputShapes.isEmpty()) {
            loader.put("input_shapes", List.copyOf(dataOptions.inputShapes));
        }
        loader.putAll(samples.loaderOptions());

        QuantizationJob job = new QuantizationJob(model.toAbsolutePath().normalize(),
                Optional.ofNullable(weights).map(w -> w.toAbsolutePath().normalize()), modelName,
                new QuantizationJob.EngineChoice(engineName, engine.device, engine.config()), loaderName, Map.of(),
                compression, output.toJob(),
                JsonText.of(potConfig(modelName, engineName, algorithmName, loader, params)), commandLine(),
                Optional.empty(), Optional.of(samples), evaluate);
        RunLog log = runLog(display);
        Path saved;
        try (DisplayOptions.ConsoleLogging logging = display.consoleLogging()) {
            saved = new QuantizationRunner(registry(), root().progress(), Clock.systemDefaultZone())
                    .run(job, Pot4jVersion.version(), log);
        } catch (ConfigurationException e) {
            // the algorithm checks the value; the user gave it as an option, so the option is named
            if (e.keyPath().equals(CompressionConfig.algorithmPath(0) + ".params." + SUBSET_SIZE_PARAM)) {
                throw usage("--subset-size " + e.reason());
            }
            throw e;
        }
        out().println("Saved: " + saved);
        return 0;
    }

    /**
     * The algorithm: {@code -q}'s (POT's rules: an IR needs {@code -w}, and the engine must be given, since POT's
     * default engine is the Accuracy Checker), else {@code --algorithm}, else DefaultQuantization.
     */
    private String algorithmName() {
        if (potMethod == null) {
            return algorithm != null ? algorithm : DEFAULT_ALGORITHM;
        }
        String fromMethod = POT_METHODS.get(potMethod);
        if (fromMethod == null) {
            throw usage("Invalid value for option '--quantize': expected one of [default, accuracy_aware] but was '"
                    + potMethod + "'");
        }
        if (algorithm != null && !algorithm.equals(fromMethod)) {
            throw usage("-q " + potMethod + " runs " + fromMethod + ", but --algorithm names " + algorithm
                    + "; give one of them");
        }
        if (weights == null && model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            throw usage("-q needs the weights of the IR too, as POT: -w " + model.getFileName().toString()
                    .replaceAll("(?i)\\.xml$", ".bin"));
        }
        if (!engine.given()) {
            throw usage("-q needs --engine simplified --data-source DIR, as POT (whose default engine is the Accuracy"
                    + " Checker, which pot4j does not have)");
        }
        if (potMethod.equals("accuracy_aware") && maxDrop == null) {
            throw usage("-q accuracy_aware needs --max-drop D (the largest accuracy drop to accept), as POT");
        }
        return fromMethod;
    }

    /** {@code --name}, else the model file's name; a plain file name, so the outputs stay in {@code --output-dir}. */
    private String modelName() {
        String modelName = name != null ? name : ModelFiles.baseName(model);
        try {
            ModelFolder.checkModelName(modelName);
        } catch (IllegalArgumentException e) {
            throw usage(name != null ? "--name: " + e.getMessage() : "the model file " + model + " gives the model"
                    + " name '" + modelName + "', which is not a plain file name; give one with --name");
        }
        return modelName;
    }

    /** The samples with {@code --labels} as the image loader's {@code labels_file}, for {@code -e}. */
    private SampleSource withLabels(SampleSource samples) {
        if (labels == null) {
            return samples;
        }
        if (!samples.loaderName().equals(SampleSource.IMAGE)) {
            throw usage("--labels names image files; the '" + samples.loaderName() + "' loader reads --data");
        }
        Map<String, Object> options = new LinkedHashMap<>(samples.loaderOptions());
        options.put("labels_file", labels.toAbsolutePath().normalize().toString());
        options.put("label_offset", labelOffset);
        return new SampleSource(samples.source(), samples.loader(), options, samples.imageOptions(),
                samples.imageFlags(), samples.shapes());
    }

    /** The POT configuration equivalent to these options, recorded in the model. */
    private Map<String, Object> potConfig(String modelName, String engineName, String algorithmName,
                                          Map<String, Object> loader, Map<String, Object> params) {
        Map<String, Object> modelSection = new LinkedHashMap<>();
        modelSection.put("model_name", modelName);
        modelSection.put("model", model.toAbsolutePath().normalize().toString());
        if (weights != null) {
            modelSection.put("weights", weights.toAbsolutePath().normalize().toString());
        }
        Map<String, Object> engineSection = new LinkedHashMap<>();
        engineSection.put("type", "simplified");
        engineSection.put("engine", engineName);
        engineSection.put("device", engine.device);
        engineSection.putAll(engine.config());
        engineSection.putAll(loader);
        Map<String, Object> compression = new LinkedHashMap<>();
        compression.put("target_device", targetDevice.name());
        compression.put("algorithms", List.of(Map.of("name", algorithmName, "params", params)));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", modelSection);
        config.put("engine", engineSection);
        config.put("compression", compression);
        return config;
    }

    private String commandLine() {
        return "pot4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
