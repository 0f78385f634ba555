package com.example.pot4j;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.config.ConfigValues;

/**
 * The "timing" engine: option {@code delegate} names the engine that runs the models (default: the host's default
 * engine).
 */
public final class TimingEngineFactory implements EngineFactory {
    static final String NAME = "timing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        Optional<String> delegate = new ConfigValues(settings.config(), Set.of("delegate")).optString("delegate");
        EngineFactory factory = delegate.isPresent()
                ? context.engine(delegate.get()).orElseThrow(() -> new EngineException(
                        "timing engine: no engine named '" + delegate.get() + "' to delegate to"))
                : context.defaultEngine().orElseThrow(() -> new EngineException(
                        "timing engine: no delegate given and the host has no default engine"));
        return new TimingEngine(factory.create(new EngineSettings(settings.device(), Map.of()), context),
                context.logger(NAME));
    }
}
