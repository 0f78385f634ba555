package org.pot4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.cli.run.JsonText;
import org.pot4j.cli.run.QuantizationJob;
import org.pot4j.cli.run.QuantizationRunner;
import org.pot4j.cli.run.RunLog;
import org.pot4j.core.config.EngineConfig;
import org.pot4j.core.config.Pot4jConfig;
import org.pot4j.core.config.Pot4jConfigReader;
import org.pot4j.core.plugin.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** POT's {@code pot -c config.json}: every algorithm of the configuration, in order. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a POT JSON configuration: model, engine (simplified, or a pot4j engine's name, reading",
                "images from data_source) and compression.algorithms in order. The last line names the saved model."})
final class RunCommand extends Pot4jSubcommand {
    /** Engine keys that configure the image loader rather than the engine (a pot4j addition to POT's keys). */
    static final Set<String> LOADER_KEYS = Set.of("color_order", "mean", "scale", "interpolation", "channels", "size",
            "labels_file", "label_offset", "skip_bad_samples", "input_name");

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "POT JSON configuration.")
    Path config;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    int execute() {
        if (!Files.isRegularFile(config)) {
            throw usage("configuration file not found: " + config);
        }
        Pot4jConfig read = Pot4jConfigReader.read(config);
        PluginRegistry registry = registry();
        EngineConfig engineSection = read.engine();
        String engine = engineSection.engineName(registry);
        if (engineSection.dataSource().isEmpty()) {
            throw new ConfigurationException("engine.data_source", "required: the folder, glob or .txt list of images");
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
                cascade ? Optional.of(read.model()) : Optional.empty(), Optional.empty());
        RunLog log = new RunLog(out(), Clock.systemDefaultZone());
        Path saved = new QuantizationRunner(registry, root().progress(), Clock.systemDefaultZone())
                .run(job, Pot4jVersion.version(), log);
        out().println("Saved: " + saved);
        return 0;
    }
}
