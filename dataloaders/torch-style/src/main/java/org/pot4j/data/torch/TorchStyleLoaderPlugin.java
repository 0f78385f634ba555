package org.pot4j.data.torch;

import java.util.List;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: provides the {@code torch-style} data loader. */
public final class TorchStyleLoaderPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "pot4j-dataloader-torch-style";
    }

    @Override
    public List<DataLoaderFactory> dataLoaders() {
        return List.of(new TorchStyleDataLoaderFactory());
    }
}
