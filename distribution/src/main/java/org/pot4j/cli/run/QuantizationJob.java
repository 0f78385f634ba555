package org.pot4j.cli.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.core.config.CompressionConfig;

/**
 * One quantization run, whether it came from {@code pot4j quantize} options or a POT configuration file.
 *
 * @param model         the model file
 * @param weights       its separate weights file, when given
 * @param modelName     the name the outputs are written under
 * @param engine        the engine's name and settings
 * @param loaderName    the data loader's name ({@code image})
 * @param loaderConfig  the data loader's configuration; {@code input_shape} is added from the model when absent
 * @param compression   the algorithms in order, with their own params, and the keys common to all (target device,
 *                      model type, ...)
 * @param output        where and how the result is written
 * @param configJson    the run's configuration as JSON, recorded in the model and the log
 * @param commandLine   the command line, recorded in the model and the log
 * @param cascade       a cascade's stages ({@code model.cascade}); then {@code model} is the first stage's file
 * @param samples       the command line's data ({@code quantize}): when present it chooses the loader and its
 *                      configuration for the model read, and {@code loaderName}/{@code loaderConfig} are not used
 * @param evaluate      POT's {@code -e}: evaluate the FP32 and the saved INT8 model on the samples after saving
 */
public record QuantizationJob(Path model, Optional<Path> weights, String modelName, EngineChoice engine,
                              String loaderName, Map<String, Object> loaderConfig, CompressionConfig compression,
                              OutputOptions output, String configJson, String commandLine,
                              Optional<org.pot4j.core.config.ModelConfig> cascade, Optional<SampleSource> samples,
                              boolean evaluate) {
    public QuantizationJob {
        samples = samples == null ? Optional.empty() : samples;
        cascade = cascade == null ? Optional.empty() : cascade;
        Objects.requireNonNull(model, "model");
        weights = weights == null ? Optional.empty() : weights;
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(loaderName, "loaderName");
        loaderConfig = Collections.unmodifiableMap(new LinkedHashMap<>(loaderConfig));
        Objects.requireNonNull(compression, "compression");
        if (compression.algorithms().isEmpty()) {
            throw new IllegalArgumentException("a quantization job needs at least one algorithm");
        }
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(commandLine, "commandLine");
    }

    /**
     * The engine of a run.
     *
     * @param name   the engine factory's name
     * @param device the device
     * @param config engine options
     */
    public record EngineChoice(String name, String device, Map<String, Object> config) {
        public EngineChoice {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(device, "device");
            config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        }
    }

    /**
     * Where the result goes (POT_SPEC §13).
     *
     * @param directory               {@code --output-dir}
     * @param direct                  {@code -d}: {@code <directory>/optimized} instead of a timestamped folder
     * @param keepUncompressedWeights keep quantized weights as floats instead of int8
     */
    public record OutputOptions(Path directory, boolean direct, boolean keepUncompressedWeights) {
        public OutputOptions {
            Objects.requireNonNull(directory, "directory");
        }
    }
}
