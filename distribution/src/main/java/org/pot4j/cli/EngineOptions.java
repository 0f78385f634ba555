package org.pot4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pot4j.cli.run.BadCommandLineException;
import org.pot4j.core.config.EngineConfig;
import org.pot4j.core.plugin.PluginRegistry;
import picocli.CommandLine.Option;

/** Which engine runs the model and its options. */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "NAME",
            description = "Engine to run the model with: an engine of 'pot4j plugins', or POT's 'simplified' (the "
                    + "default engine, " + PluginRegistry.DEFAULT_ENGINE + "). Default: "
                    + PluginRegistry.DEFAULT_ENGINE + ".")
    String engine;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "CPU",
            description = "Device the engine runs on, default ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--engine-option", paramLabel = "KEY=VALUE",
            description = "An engine option, such as threads=2 (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    /** {@return true when {@code --engine} was given} */
    boolean given() {
        return engine != null;
    }

    /**
     * The registered engine {@code --engine} names, by the rule of a configuration's {@code engine.type}
     * ({@link EngineConfig#engineName}): POT's {@code simplified} is the default engine; any other name is an engine's
     * (the registry reports an unknown one, listing the engines).
     *
     * @throws BadCommandLineException for POT's {@code accuracy_checker}, which pot4j does not have
     */
    String engineName(PluginRegistry registry) {
        if (engine == null) {
            return PluginRegistry.DEFAULT_ENGINE;
        }
        if (registry.findEngine(engine).isPresent()) {
            return engine;
        }
        if (engine.equals(EngineConfig.ACCURACY_CHECKER)) {
            throw new BadCommandLineException("--engine accuracy_checker: pot4j has no Accuracy Checker; quantize on"
                    + " a folder of images instead: --engine simplified --data-source DIR");
        }
        if (engine.equals(EngineConfig.SIMPLIFIED)) {
            return new EngineConfig(engine, Optional.empty(), device, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Map.of()).engineName(registry);
        }
        return engine;
    }

    /** The options as JSON-like values: numbers and booleans where the text is one. */
    Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        options.forEach((k, v) -> config.put(k, PlainValues.parse(v)));
        return config;
    }
}
