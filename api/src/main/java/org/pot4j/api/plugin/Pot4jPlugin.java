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
    /** {@return the plugin's name, for listings and errors; the class name by default} */
    default String name() {
        return getClass().getName();
    }

    /** {@return the engines this plugin provides, each selected by its factory's name} */
    default List<EngineFactory> engines() {
        return List.of();
    }

    /** {@return the compression algorithms this plugin provides, named as in POT's config} */
    default List<AlgorithmFactory> algorithms() {
        return List.of();
    }

    /** {@return the data loaders this plugin provides, each selected by its factory's name} */
    default List<DataLoaderFactory> dataLoaders() {
        return List.of();
    }

    /** {@return the model file formats this plugin reads and writes} */
    default List<ModelFormat> modelFormats() {
        return List.of();
    }

    /** {@return the accuracy metrics this plugin provides, each selected by its factory's name} */
    default List<MetricFactory> metrics() {
        return List.of();
    }
}
