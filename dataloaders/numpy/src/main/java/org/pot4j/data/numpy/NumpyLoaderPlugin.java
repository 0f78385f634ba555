package org.pot4j.data.numpy;

import java.util.List;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: provides the {@code numpy} data loader. */
public final class NumpyLoaderPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "pot4j-dataloader-numpy";
    }

    @Override
    public List<DataLoaderFactory> dataLoaders() {
        return List.of(new NumpyDataLoaderFactory());
    }
}
