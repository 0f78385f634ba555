package org.pot4j.data.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;

class TorchStyleConfigTest {
    private static Map<String, Object> config(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("data_source", "imgs"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void fails(String key, Object... kv) {
        assertEquals(key, assertThrows(ConfigurationException.class, () -> TorchStyleConfig.fromMap(config(kv))).keyPath());
    }

    @Test
    void defaults() {
        TorchStyleConfig c = TorchStyleConfig.fromMap(config());
        assertEquals(Path.of("imgs"), c.dataSource());
        assertEquals(List.of(), c.resize());
        assertEquals(List.of(), c.centerCrop());
        assertEquals(List.of(), c.mean());
        assertEquals(List.of(), c.std());
        assertFalse(c.bgr());
        assertEquals("", c.inputName());
    }

    @Test
    void everyKey() {
        TorchStyleConfig c = TorchStyleConfig.fromMap(config("resize", List.of(256), "center_crop", List.of(224, 200),
                "mean", List.of(0.485, 0.456, 0.406), "std", List.of(0.229, 0.224, 0.225), "color_order", "bgr",
                "input_name", "input"));
        assertEquals(List.of(256), c.resize());
        assertEquals(List.of(224, 200), c.centerCrop());
        assertEquals(List.of(0.485, 0.456, 0.406), c.mean());
        assertEquals(List.of(0.229, 0.224, 0.225), c.std());
        assertTrue(c.bgr());
        assertEquals("input", c.inputName());
    }

    @Test
    void badValuesNameTheKey() {
        assertEquals("data_source", assertThrows(ConfigurationException.class, () -> TorchStyleConfig.fromMap(Map.of())).keyPath());
        fails("resize", "resize", List.of(1, 2, 3));
        fails("resize", "resize", List.of(0));
        fails("center_crop[0]", "center_crop", List.of(2.5));
        fails("std", "mean", List.of(0.5, 0.5, 0.5));
        fails("mean", "std", List.of(0.5, 0.5, 0.5));
        fails("mean", "mean", List.of(0.5), "std", List.of(0.5));
        fails("std[1]", "mean", List.of(0, 0, 0), "std", List.of(1, 0, 1));
        fails("color_order", "color_order", "YUV");
        fails("transforms", "transforms", List.of());
    }
}
