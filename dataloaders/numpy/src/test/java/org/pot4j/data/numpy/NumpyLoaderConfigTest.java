package org.pot4j.data.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;

class NumpyLoaderConfigTest {
    @Test
    void defaults() {
        NumpyLoaderConfig c = NumpyLoaderConfig.fromMap(Map.of("data_source", "arrays"));
        assertEquals(Path.of("arrays"), c.dataSource());
        assertEquals("", c.inputName());
        assertEquals(Optional.empty(), c.annotationEntry());
        assertFalse(c.splitFirstAxis());
    }

    @Test
    void everyKey() {
        NumpyLoaderConfig c = NumpyLoaderConfig.fromMap(Map.of("data_source", "b.npz", "input_name", "data",
                "annotation_entry", "label", "split_first_axis", true));
        assertEquals("data", c.inputName());
        assertEquals(Optional.of("label"), c.annotationEntry());
        assertTrue(c.splitFirstAxis());
    }

    @Test
    void badValuesNameTheKey() {
        assertEquals("data_source", assertThrows(ConfigurationException.class,
                () -> NumpyLoaderConfig.fromMap(Map.of())).keyPath());
        assertEquals("split_first_axis", assertThrows(ConfigurationException.class,
                () -> NumpyLoaderConfig.fromMap(Map.of("data_source", "a", "split_first_axis", 1))).keyPath());
        assertEquals("input_name", assertThrows(ConfigurationException.class,
                () -> NumpyLoaderConfig.fromMap(Map.of("data_source", "a", "input_name", 1))).keyPath());
        assertEquals("annotation_entry", assertThrows(ConfigurationException.class,
                () -> NumpyLoaderConfig.fromMap(Map.of("data_source", "a", "annotation_entry", ""))).keyPath());
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> NumpyLoaderConfig.fromMap(Map.of("data_source", "a", "layout", "NCHW")));
        assertEquals("layout", unknown.keyPath());
        assertTrue(unknown.getMessage().contains("unknown key"));
    }
}
