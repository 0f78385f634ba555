package org.pot4j.api.engine;

import java.util.Set;
import org.pot4j.api.plugin.PluginContext;

/** Creates engines of one kind. Cheap to construct: native runtimes load when an engine is created or first used. */
public interface EngineFactory {
    /** {@return the unique name users select the engine by ({@code "reference"}, {@code "onnxruntime"})} */
    String name();

    /** {@return the devices the engine can run on; {@code CPU} by default} */
    default Set<String> devices() {
        return Set.of("CPU");
    }

    /**
     * Why {@code device} cannot be used on this machine, for listings such as {@code pot4j plugins}; cheap: it may
     * look for a driver or library, never create a session.
     *
     * @param device one of {@link #devices()}
     * @return empty when the device is usable here, otherwise what is missing and how to get it
     */
    default java.util.Optional<String> unavailableReason(String device) {
        return devices().contains(device) ? java.util.Optional.empty()
                : java.util.Optional.of("engine '" + name() + "' does not run on " + device);
    }

    /**
     * An engine with these settings.
     *
     * @param settings the device and engine-specific options
     * @param context  what the engine may use of its host (loggers, other engines, formats)
     * @return a new engine with no model loaded
     * @throws org.pot4j.api.error.EngineException when the device is not available, saying why
     * @throws org.pot4j.api.error.ConfigurationException naming an invalid option
     */
    Engine create(EngineSettings settings, PluginContext context);
}
