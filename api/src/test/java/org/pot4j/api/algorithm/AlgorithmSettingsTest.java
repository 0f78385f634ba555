package org.pot4j.api.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlgorithmSettingsTest {
    @Test
    void potsDefaultsForTheCommonKeys() {
        AlgorithmSettings s = AlgorithmSettings.of(Map.of("preset", "mixed"));
        assertEquals(Map.of("preset", "mixed"), s.params());
        assertEquals("ANY", s.targetDevice());
        assertEquals(Optional.empty(), s.modelType());
        assertFalse(s.dumpIntermediateModel());
        assertEquals("CPU", AlgorithmSettings.of(Map.of(), "CPU").targetDevice());
        assertEquals(Map.of(), new AlgorithmSettings(null, "ANY", null, false).params());
    }

    @Test
    void paramsAreAnUnmodifiableCopyThatKeepsJsonNullsAndOrder() {
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("b", null);
        given.put("a", 1);
        AlgorithmSettings s = AlgorithmSettings.of(given);
        given.put("c", 2);
        assertEquals(List.of("b", "a"), List.copyOf(s.params().keySet()));
        assertNull(s.params().get("b"));
        assertThrows(UnsupportedOperationException.class, () -> s.params().put("d", 3));
    }

    @Test
    void blankValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AlgorithmSettings.of(Map.of(), " "));
        assertThrows(NullPointerException.class, () -> AlgorithmSettings.of(new HashMap<>(), null));
        assertThrows(IllegalArgumentException.class, () -> new AlgorithmSettings(Map.of(), "ANY", Optional.of(""), false));
    }
}
