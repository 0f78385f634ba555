package org.pot4j.core.plugin;

import java.nio.file.Path;
import java.util.Optional;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;

/** The {@link PluginContext} of a registry: {@link System.Logger}s and live lookups, never the registry itself. */
final class RegistryPluginContext implements PluginContext {
    private final PluginRegistry registry;

    RegistryPluginContext(PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    public System.Logger logger(String name) {
        return System.getLogger(name);
    }

    @Override
    public Optional<ModelFormat> modelFormat(String name) {
        return registry.findModelFormat(name);
    }

    @Override
    public Optional<ModelFormat> modelFormatFor(Path file) {
        return registry.findModelFormatFor(file);
    }

    @Override
    public Optional<EngineFactory> engine(String name) {
        return registry.findEngine(name);
    }

    @Override
    public Optional<EngineFactory> defaultEngine() {
        return registry.findEngine(PluginRegistry.DEFAULT_ENGINE);
    }

    @Override
    public Optional<AlgorithmFactory> algorithm(String name) {
        return registry.find(ExtensionKind.ALGORITHM, name).map(c -> (AlgorithmFactory) c.factory());
    }
}
