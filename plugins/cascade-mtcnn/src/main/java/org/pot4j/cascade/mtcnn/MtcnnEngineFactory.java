package org.pot4j.cascade.mtcnn;

import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.cascade.CascadeEngine;

/**
 * Creates {@code mtcnn} engines. Cheap: the delegate engines (and their natives) are created when a cascade is loaded.
 * Options are listed in {@link MtcnnOptions}; the device is passed on to the delegate.
 */
public final class MtcnnEngineFactory implements EngineFactory {
    /** The engine name. */
    public static final String NAME = "mtcnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        MtcnnOptions options = MtcnnOptions.from(settings.config());
        return new CascadeEngine(NAME, settings, context, options.delegate(), options.delegateOptions(),
                new MtcnnCascade(options));
    }
}
