package org.pot4j.data.image;

import java.util.Map;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.PluginContext;

/** The {@code image} data loader: folders, globs and list files of images (see {@link ImageLoaderConfig} for keys). */
public final class ImageDataLoaderFactory implements DataLoaderFactory {
    /** The name users select this loader by. */
    public static final String NAME = "image";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DataLoader create(Map<String, Object> config, PluginContext context) {
        return ImageDataLoader.open(ImageLoaderConfig.fromMap(config), context.logger(ImageDataLoader.class.getName()));
    }
}
