package org.pot4j.data.image;

import java.util.List;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: provides the {@code image} data loader. Cheap: OpenCV loads only when a sample is decoded. */
public final class ImageLoaderPlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "pot4j-dataloader-image";
    }

    @Override
    public List<DataLoaderFactory> dataLoaders() {
        return List.of(new ImageDataLoaderFactory());
    }
}
