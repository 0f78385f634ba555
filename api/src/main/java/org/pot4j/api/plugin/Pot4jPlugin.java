package org.pot4j.api.plugin;

import java.util.List;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.metric.MetricFactory;
import org.pot4j.api.model.ModelFormat;

/**
 * The one entry point of a pot4j plugin, found by {@link java.util.ServiceLoader}, PF4J or as an OSGi service.
 * Every method has a default returning an empty list, so a new kind of extension never breaks an old plugin.
 * Implementations must be cheap to construct: no native libraries or large resources in constructors.
 */
public interface Pot4jPlugin {
    /** The plugin's name, for listings and errors. */
    default String name() {
        return getClass().getName();
    }

    default List<EngineFactory> engines() {
        return List.of();
    }

    default List<AlgorithmFactory> algorithms() {
        return List.of();
    }

    default List<DataLoaderFactory> dataLoaders() {
        return List.of();
    }

    default List<ModelFormat> modelFormats() {
        return List.of();
    }

    default List<MetricFactory> metrics() {
        return List.of();
    }
}
