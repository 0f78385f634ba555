package org.pot4j.api.engine;

import java.util.Map;

/**
 * What an engine is created with. Engines only infer: the samples, batches, statistics and metric of a pass belong to
 * the host's collector, not to the engine.
 *
 * @param device the device to run on ({@code "CPU"}, {@code "GPU"}, ...)
 * @param config engine-specific options as plain JSON-like values (threads, optimization level, ...)
 */
public record EngineSettings(String device, Map<String, Object> config) {
    /**
     * Fills in defaults and copies {@code config}.
     *
     * @param device the device; null or blank means {@code "CPU"}
     * @param config the options; copied, null for none
     */
    public EngineSettings {
        device = device == null || device.isBlank() ? "CPU" : device;
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    /** {@return settings for the CPU, with no options} */
    public static EngineSettings cpu() {
        return new EngineSettings("CPU", Map.of());
    }

    /**
     * Settings for the CPU with options.
     *
     * @param config engine-specific options, copied
     * @return the settings
     */
    public static EngineSettings cpu(Map<String, Object> config) {
        return new EngineSettings("CPU", config);
    }
}
