package org.pot4j.api.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.metric.Metric;

/**
 * What an engine is created with.
 *
 * @param device     the device to run on ({@code "CPU"}, {@code "GPU"}, ...)
 * @param config     engine-specific options as plain JSON-like values (threads, optimization level, ...)
 * @param dataLoader the samples predict passes read
 * @param metric     the metric predict passes update, or empty
 */
public record EngineSettings(String device, Map<String, Object> config, DataLoader dataLoader, Optional<Metric> metric) {
    public EngineSettings {
        device = device == null || device.isBlank() ? "CPU" : device;
        config = config == null ? Map.of() : Map.copyOf(config);
        Objects.requireNonNull(dataLoader, "dataLoader");
        metric = metric == null ? Optional.empty() : metric;
    }

    /** CPU, no options, no metric. */
    public static EngineSettings of(DataLoader dataLoader) {
        return new EngineSettings("CPU", Map.of(), dataLoader, Optional.empty());
    }
}
