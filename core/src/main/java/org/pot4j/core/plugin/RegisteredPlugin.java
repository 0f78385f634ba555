package org.pot4j.core.plugin;

import java.util.Objects;
import org.pot4j.api.plugin.Pot4jPlugin;

/**
 * A plugin as the registry holds it: the instance, its name and where it came from. Equality is identity, so the
 * handle names exactly one registration (and unregistering it removes exactly its contributions).
 */
public final class RegisteredPlugin {
    private final Pot4jPlugin plugin;
    private final String name;
    private final String source;

    RegisteredPlugin(Pot4jPlugin plugin, String name, String source) {
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.name = name;
        this.source = source;
    }

    public Pot4jPlugin plugin() {
        return plugin;
    }

    /** The plugin's {@link Pot4jPlugin#name()}. */
    public String name() {
        return name;
    }

    /** Where it came from: the jar or folder of its class, or the label it was registered with. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "plugin '" + name + "' (from " + source + ")";
    }
}
