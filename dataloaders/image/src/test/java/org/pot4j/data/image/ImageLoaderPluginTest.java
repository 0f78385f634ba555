package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.testkit.TestPluginContext;

class ImageLoaderPluginTest {
    @Test
    void serviceLoaderFindsTheImageLoader() {
        List<DataLoaderFactory> factories = ServiceLoader.load(Pot4jPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof ImageLoaderPlugin)
                .flatMap(p -> p.dataLoaders().stream())
                .toList();
        assertEquals(1, factories.size());
        assertEquals("image", factories.get(0).name());
    }

    @Test
    void factoryRejectsBadConfigurationNamingTheKey() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new ImageDataLoaderFactory().create(Map.of("data_source", "x", "colour", "RGB"), new TestPluginContext()));
        assertEquals("colour", e.keyPath());
        assertTrue(e.getMessage().contains("color_order"), e.getMessage());
    }
}
