package org.pot4j.cli.plugins;

import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/**
 * Loads a plugin jar, or an expanded plugin zip (PF4J's layout: {@code classes/} and {@code lib/*.jar} beside
 * {@code plugin.properties}), into its own {@link SharedApiPluginClassLoader} whose parent is the host's class loader.
 */
final class SharedApiJarPluginLoader implements PluginLoader {
    private final PluginManager manager;
    private final ClassLoader host;

    SharedApiJarPluginLoader(PluginManager manager, ClassLoader host) {
        this.manager = manager;
        this.host = host;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isDirectory(pluginPath)
                || Files.isRegularFile(pluginPath) && pluginPath.getFileName().toString().endsWith(".jar");
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        SharedApiPluginClassLoader loader = new SharedApiPluginClassLoader(manager, descriptor, host);
        for (Path entry : classPath(pluginPath)) {
            loader.addFile(entry.toFile());
        }
        return loader;
    }

    /** The jar itself, or an expanded zip's {@code classes/} folder and {@code lib/} jars (in name order). */
    static java.util.List<Path> classPath(Path pluginPath) {
        java.util.List<Path> entries = new java.util.ArrayList<>();
        if (!Files.isDirectory(pluginPath)) {
            entries.add(pluginPath);
            return entries;
        }
        Path classes = pluginPath.resolve("classes");
        if (Files.isDirectory(classes)) {
            entries.add(classes);
        }
        Path lib = pluginPath.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (java.util.stream.Stream<Path> jars = Files.list(lib)) {
                jars.filter(j -> j.getFileName().toString().endsWith(".jar")).sorted().forEach(entries::add);
            } catch (java.io.IOException e) {
                throw new org.pot4j.api.error.PluginException("cannot list " + lib + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }
}
