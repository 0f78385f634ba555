package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;

class MtcnnOptionsTest {
    @Test
    void defaults() {
        MtcnnOptions o = MtcnnOptions.defaults();
        assertEquals("reference", o.delegate());
        assertEquals(Map.of(), o.delegateOptions());
        assertEquals(20.0, o.minFaceSize());
        assertEquals(0.709, o.scaleFactor());
        assertEquals(List.of(0.6, 0.7, 0.7), o.thresholds());
        assertEquals(List.of(0.5, 0.7, 0.7, 0.7), o.nmsThresholds());
        assertEquals(List.of(false, false, false), o.transposed());
    }

    @Test
    void everyKeyBinds() {
        MtcnnOptions o = MtcnnOptions.from(Map.of("delegate", "onnxruntime", "delegate_options", Map.of("threads", 2),
                "min_face_size", 40, "scale_factor", 0.5, "thresholds", List.of(0.5, 0.6, 0.9),
                "nms_thresholds", List.of(0.4, 0.6, 0.6, 0.5), "layout", "transposed"));
        assertEquals("onnxruntime", o.delegate());
        assertEquals(Map.of("threads", 2), o.delegateOptions());
        assertEquals(40.0, o.minFaceSize());
        assertEquals(0.5, o.scaleFactor());
        assertEquals(List.of(0.5, 0.6, 0.9), o.thresholds());
        assertEquals(List.of(0.4, 0.6, 0.6, 0.5), o.nmsThresholds());
        assertEquals(List.of(true, true, true), o.transposed());
        assertEquals(List.of(true, false, true),
                MtcnnOptions.from(Map.of("layout", List.of("transposed", "normal", "TRANSPOSED"))).transposed());
    }

    @Test
    void badValuesNameTheirKey() {
        assertKey(Map.of("treshold", 1), "engine.treshold");
        assertKey(Map.of("delegate", ""), "engine.delegate");
        assertKey(Map.of("delegate_options", "x"), "engine.delegate_options");
        assertKey(Map.of("min_face_size", "20"), "engine.min_face_size");
        assertKey(Map.of("scale_factor", 1.5), "engine.scale_factor");
        assertKey(Map.of("thresholds", List.of(0.6, 0.7)), "engine.thresholds");
        assertKey(Map.of("thresholds", List.of(0.6, 1.7, 0.7)), "engine.thresholds[1]");
        assertKey(Map.of("nms_thresholds", List.of(0.6, 0.7, 0.7)), "engine.nms_thresholds");
        assertKey(Map.of("layout", "NHWC"), "engine.layout");
        assertKey(Map.of("layout", List.of("normal", "normal", "sideways")), "engine.layout[2]");
    }

    private static void assertKey(Map<String, Object> config, String key) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> MtcnnOptions.from(config));
        assertEquals(key, e.keyPath(), e.getMessage());
    }
}
