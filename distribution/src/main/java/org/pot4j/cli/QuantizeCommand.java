package org.pot4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** POT's simplified mode: quantize a model on a folder of images with DefaultQuantization. */
@Command(name = "quantize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantizes a model to INT8 on a folder of images or .npy/.npz arrays (POT's simplified mode).",
                "Writes <output-dir>/<model>_DefaultQuantization/<timestamp>/optimized/<model>.* and log.txt",
                "(with -d: <output-dir>/optimized/). The last line names the saved model file."})
final class QuantizeCommand extends Pot4jSubcommand {
    enum Preset { performance, mixed, accuracy }

    enum TargetDevice { ANY, CPU, GPU, NPU, VPU, GNA }

    /** The param {@code --subset-size} sets; the algorithm has its default and checks the value. */
    private static final String SUBSET_SIZE_PARAM = "stat_subset_size";

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "The model: OpenVINO IR .xml or .onnx.")
    Path model;

    @Option(names = {"-w", "--weights"}, paramLabel = "BIN", description = "The IR .bin (default: beside the .xml).")
    Path weights;

    @Option(names = "--data", required = true, paramLabel = "DIR|GLOB|LIST.txt",
            description = {"Calibration data: images (a folder, a glob such as 'imgs/*.jpg', or a .txt list of files),",
                    "or a folder of .npy/.npz arrays (one sample per file; an .npz holds one array per input name)."})
    String data;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name for the outputs (default: file name).")
    String name;

    @Option(names = "--preset", defaultValue = "performance", paramLabel = "performance|mixed|accuracy",
            description = "Quantization preset, default ${DEFAULT-VALUE}.")
    Preset preset;

    @Option(names = "--target-device", defaultValue = "ANY", paramLabel = "ANY|CPU|GPU|NPU|VPU|GNA",
            description = "Hardware the model is quantized for, default ${DEFAULT-VALUE}.")
    TargetDevice targetDevice;

    @Option(names = "--subset-size", paramLabel = "N",
            description = "Images to collect statistics on (stat_subset_size), default: the algorithm's own.")
    Integer subsetSize;

    @Option(names = "--algorithm", defaultValue = "DefaultQuantization", paramLabel = "NAME",
            description = "Algorithm to run, default ${DEFAULT-VALUE}.")
    String algorithm;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Mixin
    DataOptions dataOptions = new DataOptions();

    @Mixin
    PreprocessingOptions preprocessing = new PreprocessingOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    int execute() {
        if (!Files.isRegularFile(model)) {
            throw usage("model file not found: " + model);
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw usage("weights file not found: " + weights);
        }
        String source = DataSources.resolve(data);
        if (source == null) {
            throw usage("--data: file or folder not found: " + data);
        }
        String modelName = name != null ? name : ModelFiles.baseName(model);
        SampleSource samples = dataOptions.source(source, preprocessing);
        String loaderName = samples.loaderName();

        // the algorithm's own params; the target device is the compression section's, beside them
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("preset", Presets.forDevice(preset.name(), targetDevice.name()));
        if (subsetSize != null) {
            params.put(SUBSET_SIZE_PARAM, subsetSize);
        }
        CompressionConfig compression = new CompressionConfig(targetDevice.name(), Optional.empty(), false, true,
                List.of(new AlgorithmConfig(algorithm, params)));

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
                new QuantizationJob.EngineChoice(engine.engine, engine.device, engine.config()), loaderName, Map.of(),
                compression, output.toJob(),
                JsonText.of(potConfig(modelName, loader, params)), commandLine(), Optional.empty(), Optional.of(samples));
        RunLog log = new RunLog(out(), Clock.systemDefaultZone());
        Path saved;
        try {
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

    /** The POT configuration equivalent to these options, recorded in the model. */
    private Map<String, Object> potConfig(String modelName, Map<String, Object> loader, Map<String, Object> params) {
        Map<String, Object> modelSection = new LinkedHashMap<>();
        modelSection.put("model_name", modelName);
        modelSection.put("model", model.toAbsolutePath().normalize().toString());
        if (weights != null) {
            modelSection.put("weights", weights.toAbsolutePath().normalize().toString());
        }
        Map<String, Object> engineSection = new LinkedHashMap<>();
        engineSection.put("type", "simplified");
        engineSection.put("engine", engine.engine);
        engineSection.put("device", engine.device);
        engineSection.putAll(engine.config());
        engineSection.putAll(loader);
        Map<String, Object> compression = new LinkedHashMap<>();
        compression.put("target_device", targetDevice.name());
        compression.put("algorithms", List.of(Map.of("name", algorithm, "params", params)));
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
