package org.pot4j.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pot4j.api.algorithm.AlgorithmFactory;
import java.util.ServiceLoader;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.plugin.Pot4jPlugin;

/** A {@link PluginContext} for tests: the formats and engines of every plugin on the test class path. */
public final class TestPluginContext implements PluginContext {
    private final List<ModelFormat> formats = new ArrayList<>();
    private final List<EngineFactory> engines = new ArrayList<>();
    private final List<AlgorithmFactory> algorithms = new ArrayList<>();

    public TestPluginContext() {
        for (Pot4jPlugin p : ServiceLoader.load(Pot4jPlugin.class, TestPluginContext.class.getClassLoader())) {
            formats.addAll(p.modelFormats());
            engines.addAll(p.engines());
            algorithms.addAll(p.algorithms());
        }
    }

    @Override
    public System.Logger logger(String name) {
        return System.getLogger(name);
    }

    @Override
    public Optional<ModelFormat> modelFormat(String name) {
        return formats.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    @Override
    public Optional<ModelFormat> modelFormatFor(Path file) {
        return formats.stream().filter(f -> f.recognizes(file)).findFirst();
    }

    @Override
    public Optional<EngineFactory> engine(String name) {
        return engines.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    @Override
    public Optional<EngineFactory> defaultEngine() {
        return engine(org.pot4j.core.plugin.PluginRegistry.DEFAULT_ENGINE);
    }

    @Override
    public Optional<AlgorithmFactory> algorithm(String name) {
        return algorithms.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
