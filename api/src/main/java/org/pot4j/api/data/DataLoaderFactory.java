package org.pot4j.api.data;

import java.util.Map;
import org.pot4j.api.plugin.PluginContext;

/** Creates data loaders of one kind, named for configuration ({@code "image"}, {@code "numpy"}, ...). */
public interface DataLoaderFactory {
    /** {@return the unique name users select this loader by} */
    String name();

    /**
     * A loader configured by {@code config} (plain JSON-like values).
     *
     * @param config  the loader's section of the configuration (maps, lists, strings, numbers, booleans)
     * @param context what the loader may use of its host
     * @return the loader
     * @throws org.pot4j.api.error.ConfigurationException naming the key at fault
     */
    DataLoader create(Map<String, Object> config, PluginContext context);
}
