package org.pot4j.engine.reference.gna;

import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.engine.reference.ReferenceEngineOptions;

/**
 * Creates {@link GnaEngine}s ({@code "gna"}, device {@code GNA}): an emulation in plain Java, usable on any machine;
 * options as the reference engine's ({@code threads}, {@code vector}, {@code fusion}).
 */
public final class GnaEngineFactory implements EngineFactory {
    public static final String NAME = "gna";
    /** The one device: GNA emulated. */
    public static final String DEVICE = "GNA";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> devices() {
        return Set.of(DEVICE);
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        if (!DEVICE.equalsIgnoreCase(settings.device())) {
            throw new EngineException("the gna engine emulates device GNA only, not '" + settings.device() + "'");
        }
        ReferenceEngineOptions options = ReferenceEngineOptions.from(settings.config());
        return new GnaEngine(options, context == null ? System.getLogger(GnaEngine.class.getName())
                : context.logger(GnaEngine.class.getName()));
    }
}
