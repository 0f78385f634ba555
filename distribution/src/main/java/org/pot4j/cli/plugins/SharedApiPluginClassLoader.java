package org.pot4j.cli.plugins;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A PF4J plugin class loader that takes pot4j's API and core from the host and everything else from the plugin first,
 * so a plugin may bundle its own libraries while {@code Pot4jPlugin} stays one interface for host and plugin (two
 * copies of it and the host could not use the plugin at all).
 */
final class SharedApiPluginClassLoader extends PluginClassLoader {
    /** Packages always taken from the host: the contract between host and plugins. */
    static final String[] SHARED_PREFIXES = {"org.pot4j.api.", "org.pot4j.core."};

    static {
        ClassLoader.registerAsParallelCapable();
    }

    SharedApiPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
        super(manager, descriptor, host, ClassLoadingStrategy.PDA);
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return getParent().loadClass(className);
            }
        }
        return super.loadClass(className);
    }
}
