package org.pot4j.data.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

class NumpyLoaderPluginTest {
    @Test
    void serviceLoaderFindsTheNumpyLoader() {
        List<DataLoaderFactory> factories = ServiceLoader.load(Pot4jPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof NumpyLoaderPlugin)
                .flatMap(p -> p.dataLoaders().stream())
                .toList();
        assertEquals(1, factories.size());
        assertEquals("numpy", factories.get(0).name());
    }
}
