package org.pot4j.core.plugin;

import java.util.Objects;

/**
 * One factory a plugin contributes, for listings such as {@code pot4j plugins}.
 *
 * @param kind    what the factory makes
 * @param name    the factory's unique name within its kind
 * @param factory the factory ({@link org.pot4j.api.engine.EngineFactory}, {@link org.pot4j.api.model.ModelFormat}, ...)
 * @param plugin  the plugin that contributed it
 */
public record Contribution(ExtensionKind kind, String name, Object factory, RegisteredPlugin plugin) {
    public Contribution {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(plugin, "plugin");
    }

    /** Where the contributing plugin came from. */
    public String source() {
        return plugin.source();
    }

    @Override
    public String toString() {
        return kind.label() + " '" + name + "' of plugin '" + plugin.name() + "' (from " + plugin.source() + ")";
    }
}
