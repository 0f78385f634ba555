package org.pot4j.engine.reference;

import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;

/** Creates {@link ReferenceEngine}s; CPU only. */
public final class ReferenceEngineFactory implements EngineFactory {
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> devices() {
        return Set.of("CPU");
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        if (!"CPU".equalsIgnoreCase(settings.device())) {
            throw new EngineException("the reference engine runs on CPU only, not on device '" + settings.device() + "'");
        }
        ReferenceEngineOptions options = ReferenceEngineOptions.from(settings.config());
        return new ReferenceEngine(options, context == null ? System.getLogger(ReferenceEngine.class.getName())
                        : context.logger(ReferenceEngine.class.getName()));
    }
}
