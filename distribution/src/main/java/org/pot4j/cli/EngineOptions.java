package org.pot4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which engine runs the model and its options. */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "NAME", defaultValue = org.pot4j.core.plugin.PluginRegistry.DEFAULT_ENGINE,
            description = "Engine to run the model with (see 'pot4j plugins'), default ${DEFAULT-VALUE}.")
    String engine;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "CPU",
            description = "Device the engine runs on, default ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--engine-option", paramLabel = "KEY=VALUE",
            description = "An engine option, such as threads=2 (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    /** The options as JSON-like values: numbers and booleans where the text is one. */
    Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        options.forEach((k, v) -> config.put(k, PlainValues.parse(v)));
        return config;
    }
}
