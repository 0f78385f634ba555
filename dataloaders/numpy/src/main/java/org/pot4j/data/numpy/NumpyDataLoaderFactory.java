package org.pot4j.data.numpy;

import java.util.Map;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.PluginContext;

/** The {@code numpy} data loader: {@code .npy}/{@code .npz} samples (see {@link NumpyLoaderConfig} for keys). */
public final class NumpyDataLoaderFactory implements DataLoaderFactory {
    /** The name users select this loader by. */
    public static final String NAME = "numpy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DataLoader create(Map<String, Object> config, PluginContext context) {
        return NumpyDataLoader.open(NumpyLoaderConfig.fromMap(config));
    }
}
