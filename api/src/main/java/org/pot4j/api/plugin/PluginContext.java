package org.pot4j.api.plugin;

import java.nio.file.Path;
import java.util.Optional;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.ModelFormat;

/**
 * What a plugin may use of its host: a logger, and lookups of the formats and engines other plugins provide
 * (an engine may need to serialise a model, a cascade engine runs its stages in another engine). Never the
 * registry or the host itself.
 */
public interface PluginContext {
    /** A logger for the named component. */
    System.Logger logger(String name);

    /** The model format called {@code name}. */
    Optional<ModelFormat> modelFormat(String name);

    /** The model format that recognises {@code file}. */
    Optional<ModelFormat> modelFormatFor(Path file);

    /** The engine factory called {@code name}. */
    Optional<EngineFactory> engine(String name);

    /**
     * The factory of the host's default engine, which runs any model of the neutral graph, including the small models
     * an algorithm builds with {@link org.pot4j.api.graph.GraphBuilder} (FastBiasCorrection's one-op models); empty
     * when it is not installed.
     */
    Optional<EngineFactory> defaultEngine();
}
