package org.pot4j.api.data;

import java.util.Map;
import org.pot4j.api.plugin.PluginContext;

/** Creates data loaders of one kind, named for configuration ({@code "image"}, {@code "numpy"}, ...). */
public interface DataLoaderFactory {
    /** The unique name users select this loader by. */
    String name();

    /**
     * A loader configured by {@code config} (plain JSON-like values).
     *
     * @throws org.pot4j.api.error.ConfigurationException naming the key at fault
     */
    DataLoader create(Map<String, Object> config, PluginContext context);
}
