package org.pot4j.api.engine;

import java.util.Set;
import org.pot4j.api.plugin.PluginContext;

/** Creates engines of one kind. Cheap to construct: native runtimes load when an engine is created or first used. */
public interface EngineFactory {
    /** The unique name users select the engine by ({@code "reference"}, {@code "onnxruntime"}). */
    String name();

    /** The devices the engine can run on. */
    default Set<String> devices() {
        return Set.of("CPU");
    }

    /**
     * An engine with these settings.
     *
     * @throws org.pot4j.api.error.EngineException when the device is not available, saying why
     * @throws org.pot4j.api.error.ConfigurationException naming an invalid option
     */
    Engine create(EngineSettings settings, PluginContext context);
}
