package org.pot4j.cli.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/** Loads a plugin jar into its own {@link SharedApiPluginClassLoader} whose parent is the host's class loader. */
final class SharedApiJarPluginLoader implements PluginLoader {
    private final PluginManager manager;
    private final ClassLoader host;

    SharedApiJarPluginLoader(PluginManager manager, ClassLoader host) {
        this.manager = manager;
        this.host = host;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isRegularFile(pluginPath) && pluginPath.getFileName().toString().endsWith(".jar");
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        SharedApiPluginClassLoader loader = new SharedApiPluginClassLoader(manager, descriptor, host);
        loader.addFile(pluginPath.toFile());
        return loader;
    }
}
