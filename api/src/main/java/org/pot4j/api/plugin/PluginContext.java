package org.pot4j.api.plugin;

import java.nio.file.Path;
import java.util.Optional;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.ModelFormat;

/**
 * What a plugin may use of its host: a logger, and lookups of the formats and engines other plugins provide
 * (an engine may need to serialise a model, a cascade engine runs its stages in another engine). Never the
 * registry or the host itself.
 */
public interface PluginContext {
    /**
     * A logger through the host's logging.
     *
     * @param name the component that logs, usually its class name
     * @return the logger
     */
    System.Logger logger(String name);

    /**
     * Finds a model format another plugin provides.
     *
     * @param name the format's {@link ModelFormat#name()}, such as {@code "onnx"}
     * @return the format, or empty when no installed plugin provides it
     */
    Optional<ModelFormat> modelFormat(String name);

    /**
     * Finds the model format that {@link ModelFormat#recognizes recognises} a file.
     *
     * @param file a model file
     * @return an installed format that recognises it, or empty when none does
     */
    Optional<ModelFormat> modelFormatFor(Path file);

    /**
     * Finds an engine factory another plugin provides.
     *
     * @param name the factory's {@link EngineFactory#name()}, such as {@code "onnxruntime"}
     * @return the factory, or empty when no installed plugin provides it
     */
    Optional<EngineFactory> engine(String name);

    /**
     * The factory of the host's default engine, which runs any model of the neutral graph, including the small models
     * an algorithm builds with {@link org.pot4j.api.graph.GraphBuilder} (FastBiasCorrection's one-op models); empty
     * when it is not installed.
     *
     * @return the default engine's factory, or empty
     */
    Optional<EngineFactory> defaultEngine();

    /**
     * Finds an algorithm another plugin provides, so that an algorithm can run another by name (AccuracyAware's
     * {@code base_algorithm}) without depending on its plugin.
     *
     * @param name the factory's {@link AlgorithmFactory#name()}, such as {@code "DefaultQuantization"}
     * @return the factory, or empty when no installed plugin provides it (the default)
     */
    default Optional<AlgorithmFactory> algorithm(String name) {
        return Optional.empty();
    }
}
