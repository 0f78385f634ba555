package org.pot4j.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A POT configuration file, validated.
 *
 * @param file        the configuration file (absolute); relative paths inside it were resolved against its folder
 * @param model       the {@code model} section
 * @param engine      the {@code engine} section
 * @param compression the {@code compression} section
 */
public record Pot4jConfig(Path file, ModelConfig model, EngineConfig engine, CompressionConfig compression) {
    public Pot4jConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(compression, "compression");
    }
}
