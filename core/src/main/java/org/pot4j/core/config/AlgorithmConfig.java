package org.pot4j.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code compression.algorithms}.
 *
 * @param name   the algorithm name ({@code DefaultQuantization})
 * @param params the algorithm's own parameters as plain JSON-like values (maps, lists, strings, numbers, booleans),
 *               unmodifiable: what the file gives, with a string {@code preset} renamed for the target device as POT's
 *               configuration reader does ({@link Presets#forDevice}). The compression section's common keys are
 *               not among them; {@link CompressionConfig#settings(int)} passes them beside the params.
 */
public record AlgorithmConfig(String name, Map<String, Object> params) {
    public AlgorithmConfig {
        Objects.requireNonNull(name, "name");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
