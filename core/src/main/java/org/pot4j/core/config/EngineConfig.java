package org.pot4j.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.plugin.ExtensionKind;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * The {@code engine} section.
 *
 * @param type               {@code simplified}, {@code accuracy_checker} (POT's default) or a plugin engine's name
 * @param dataSource         the samples: a folder, a glob or a {@code .txt} list (required by {@code simplified})
 * @param device             the device to run on (default {@code CPU})
 * @param layout             the input layout: NCHW, NHWC, CHW or HWC; empty to take it from the model or guess
 * @param centralFraction    the central crop of images before resizing, in (0, 1]
 * @param statRequestsNumber parallel inference requests of statistics passes
 * @param evalRequestsNumber parallel inference requests of evaluation passes
 * @param extra              every other key, passed to the engine as it is
 */
public record EngineConfig(String type, Optional<Path> dataSource, String device, Optional<String> layout,
                           Optional<Double> centralFraction, Optional<Integer> statRequestsNumber,
                           Optional<Integer> evalRequestsNumber, Map<String, Object> extra) {
    public static final String SIMPLIFIED = "simplified";
    public static final String ACCURACY_CHECKER = "accuracy_checker";

    public EngineConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(device, "device");
        dataSource = dataSource == null ? Optional.empty() : dataSource;
        layout = layout == null ? Optional.empty() : layout;
        centralFraction = centralFraction == null ? Optional.empty() : centralFraction;
        statRequestsNumber = statRequestsNumber == null ? Optional.empty() : statRequestsNumber;
        evalRequestsNumber = evalRequestsNumber == null ? Optional.empty() : evalRequestsNumber;
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * The registered engine {@link #type()} names: {@code simplified} is the default engine
     * ({@link PluginRegistry#DEFAULT_ENGINE}), any other type the engine of that name.
     *
     * @param registry the engines to choose from
     * @return the engine name
     * @throws ConfigurationException naming {@code engine.type}: {@code accuracy_checker} (POT's default) is not
     *                                supported, and an unknown type lists the engines there are
     */
    public String engineName(PluginRegistry registry) {
        if (type.equals(SIMPLIFIED)) {
            return PluginRegistry.DEFAULT_ENGINE;
        }
        if (type.equals(ACCURACY_CHECKER)) {
            throw new ConfigurationException("engine.type", "'accuracy_checker' (POT's default) is not supported:"
                    + " pot4j has no Accuracy Checker; use \"type\": \"simplified\" with a \"data_source\" of images");
        }
        if (registry.findEngine(type).isEmpty()) {
            List<String> engines = registry.names(ExtensionKind.ENGINE);
            throw new ConfigurationException("engine.type", "unknown engine type '" + type + "' (use simplified"
                    + (engines.isEmpty() ? "" : " or an engine: " + String.join(", ", engines)) + ")");
        }
        return type;
    }
}
