package org.pot4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.cli.run.JsonText;
import org.pot4j.cli.run.QuantizationJob;
import org.pot4j.cli.run.QuantizationRunner;
import org.pot4j.cli.run.RunLog;
import org.pot4j.core.config.EngineConfig;
import org.pot4j.core.config.ModelConfig;
import org.pot4j.core.config.Pot4jConfig;
import org.pot4j.core.config.Pot4jConfigReader;
import org.pot4j.core.model.ModelFolder;
import org.pot4j.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** POT's {@code pot -c config.json}: every algorithm of the configuration, in order. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a POT JSON configuration (POT's 'pot -c config.json').",
                "",
                "Reads the model, the engine (simplified, or the name of a pot4j engine, reading the images of"
                        + " data_source) and runs compression.algorithms in order. The last line names the saved"
                        + " model file.",
                "POT's command line runs as it is: 'pot4j -c config.json -e' is this command.", ""})
final class RunCommand extends Pot4jSubcommand {
    /** Engine keys that configure the image loader rather than the engine (a pot4j addition to POT's keys). */
    static final Set<String> LOADER_KEYS = Set.of("color_order", "mean", "scale", "interpolation", "channels", "size",
            "labels_file", "label_offset", "skip_bad_samples", "input_name");

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "POT JSON configuration.")
    Path config;

    @Option(names = {"-e", "--evaluate"},
            description = "After saving, evaluate the FP32 and the INT8 model on the samples: top-1 accuracy when the"
                    + " engine section gives labels (labels_file), else the INT8 model's top-1 agreement with the FP32"
                    + " model.")
    boolean evaluate;

    @Option(names = "--engine", paramLabel = "TYPE",
            description = "As POT: the engine type, in place of the configuration's engine.type (simplified, or a"
                    + " pot4j engine's name).")
    String engineType;

    @Option(names = "--data-source", paramLabel = "DIR",
            description = "As POT: the images, when the configuration's engine section has no data_source.")
    Path dataSource;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    DisplayOptions display = new DisplayOptions();

    @Override
    int execute() {
        if (!Files.isRegularFile(config)) {
            throw usage("configuration file not found: " + config);
        }
        Pot4jConfig read = Pot4jConfigReader.read(config);
        checkModelNames(read.model());
        PluginRegistry registry = registry();
        EngineConfig engineSection = withCommandLine(read.engine());
        String engine;
        try {
            engine = engineSection.engineName(registry);
        } catch (ConfigurationException e) {
            if (engineType != null) {
                throw usage("--engine " + engineType + ": " + e.reason().replace("\"type\": ", "--engine ")
                        .replace("a \"data_source\" of images", "--data-source DIR"));
            }
            throw e;
        }
        if (engineSection.dataSource().isEmpty()) {
            throw new ConfigurationException("engine.data_source", "required: the folder, glob or .txt list of images"
                    + " (or --data-source DIR)");
        }
        Map<String, Object> loader = new LinkedHashMap<>();
        loader.put("data_source", engineSection.dataSource().get().toString());
        engineSection.layout().ifPresent(l -> loader.put("layout", l));
        engineSection.centralFraction().ifPresent(f -> loader.put("central_fraction", f));
        Map<String, Object> engineOptions = new LinkedHashMap<>();
        engineSection.extra().forEach((k, v) -> (LOADER_KEYS.contains(k) ? loader : engineOptions).put(k, v));

        boolean cascade = read.model().isCascade();
        Path firstFile = cascade ? read.model().cascade().get(0).model() : read.model().model().get();
        QuantizationJob job = new QuantizationJob(firstFile, cascade ? Optional.empty() : read.model().weights(),
                read.model().modelName(), new QuantizationJob.EngineChoice(engine, engineSection.device(), engineOptions),
                "image", loader, read.compression(),
                output.toJob(),
                JsonText.compact(read.file()),
                "pot4j " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                cascade ? Optional.of(read.model()) : Optional.empty(), Optional.empty(), evaluate);
        RunLog log = runLog(display);
        Path saved;
        try (DisplayOptions.ConsoleLogging logging = display.consoleLogging()) {
            saved = new QuantizationRunner(registry, root().progress(), Clock.systemDefaultZone())
                    .run(job, Pot4jVersion.version(), log);
        }
        out().println("Saved: " + saved);
        return 0;
    }

    /** The model name and the cascade's stage names make file names: plain names, never paths. */
    private static void checkModelNames(ModelConfig model) {
        check("model.model_name", model.modelName());
        List<ModelConfig.CascadeStage> stages = model.cascade();
        for (int i = 0; i < stages.size(); i++) {
            check("model.cascade[" + i + "].name", stages.get(i).name());
        }
    }

    private static void check(String key, String name) {
        try {
            ModelFolder.checkModelName(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key, e.getMessage() + "; the outputs are named after it");
        }
    }

    /** The engine section with POT's {@code --engine} and {@code --data-source} applied. */
    private EngineConfig withCommandLine(EngineConfig e) {
        if (engineType == null && dataSource == null) {
            return e;
        }
        Optional<Path> source = e.dataSource().isPresent() || dataSource == null ? e.dataSource()
                : Optional.of(dataSource.toAbsolutePath().normalize());
        return new EngineConfig(engineType != null ? engineType : e.type(), source, e.device(), e.layout(),
                e.centralFraction(), e.statRequestsNumber(), e.evalRequestsNumber(), e.extra());
    }
}
