package org.pot4j.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of {@code compression.algorithms}.
 *
 * @param name   the algorithm name ({@code DefaultQuantization})
 * @param params the parameters as plain JSON-like values (maps, lists, strings, numbers, booleans), unmodifiable;
 *               after reading, POT's per-algorithm settings from the compression section were added
 *               ({@code target_device}, {@code preset} renamed for the device, {@code dump_intermediate_model},
 *               {@code inplace_statistics}, {@code model_type} when set)
 */
public record AlgorithmConfig(String name, Map<String, Object> params) {
    public AlgorithmConfig {
        Objects.requireNonNull(name, "name");
        params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
