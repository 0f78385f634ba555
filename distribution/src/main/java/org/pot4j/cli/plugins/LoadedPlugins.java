package org.pot4j.cli.plugins;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * The plugins a run of the command uses: those on the class path ({@code lib/}, found through ServiceLoader) and the
 * PF4J drop-ins of the plugins folder.
 *
 * @param registry  every plugin, by kind and name
 * @param dropIns   the PF4J host of the plugins folder, when one was given
 */
public record LoadedPlugins(PluginRegistry registry, Optional<Pf4jPluginHost> dropIns) implements AutoCloseable {
    /**
     * Discovers the class-path plugins of {@code hostLoader}, then the drop-ins of {@code pluginsFolder}.
     *
     * @throws org.pot4j.api.error.PluginException when a class-path plugin is broken (a drop-in is skipped instead)
     */
    public static LoadedPlugins load(ClassLoader hostLoader, Optional<Path> pluginsFolder) {
        PluginRegistry registry = PluginRegistry.discover(hostLoader);
        return new LoadedPlugins(registry, pluginsFolder.map(folder -> Pf4jPluginHost.load(folder, registry)));
    }

    /** The drop-in jars that were not loaded. */
    public List<SkippedPlugin> skipped() {
        return dropIns.map(Pf4jPluginHost::skipped).orElse(List.of());
    }

    @Override
    public void close() {
        dropIns.ifPresent(Pf4jPluginHost::close);
    }
}
