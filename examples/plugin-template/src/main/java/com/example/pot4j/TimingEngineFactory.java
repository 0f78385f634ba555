package com.example.pot4j;

import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.config.ConfigValues;

/** The "timing" engine: option {@code delegate} names the engine that runs the models (default "reference"). */
public final class TimingEngineFactory implements EngineFactory {
    static final String NAME = "timing";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        String delegate = new ConfigValues(settings.config(), Set.of("delegate")).optString("delegate")
                .orElse("reference");
        EngineFactory factory = context.engine(delegate).orElseThrow(
                () -> new EngineException("timing engine: no engine named '" + delegate + "' to delegate to"));
        return new TimingEngine(factory.create(new EngineSettings(settings.device(), Map.of()), context));
    }
}
