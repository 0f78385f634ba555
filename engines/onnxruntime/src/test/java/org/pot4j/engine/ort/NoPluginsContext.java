package org.pot4j.engine.ort;

import java.nio.file.Path;
import java.util.Optional;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;

/** Test double: a host with no model formats and no engines, so an engine cannot fall back on the "onnx" format. */
class NoPluginsContext implements PluginContext {
    @Override
    public System.Logger logger(String name) {
        return System.getLogger(name);
    }

    @Override
    public Optional<ModelFormat> modelFormat(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<ModelFormat> modelFormatFor(Path file) {
        return Optional.empty();
    }

    @Override
    public Optional<EngineFactory> engine(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<EngineFactory> defaultEngine() {
        return Optional.empty();
    }
}
