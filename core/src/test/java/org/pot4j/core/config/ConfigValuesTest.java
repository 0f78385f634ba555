package org.pot4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;

/** Typed reads of plain configuration maps; errors name the key with its prefix, in nested objects too. */
class ConfigValuesTest {
    private static final Map<String, Object> CONFIG = Map.of("n", 3, "big", 5_000_000_000L, "mode", "fast",
            "inner", Map.of("bits", 8, "deeper", Map.of("x", 1)), "ops", List.of(Map.of("type", "Add")),
            "names", List.of("a", "b"));
    private final ConfigValues values = new ConfigValues(CONFIG, CONFIG.keySet(), "params.");

    @Test
    void readsEachKind() {
        assertEquals(List.of("a", "b"), values.optList("names").orElseThrow());
        assertEquals(Optional.of(3), values.optIntAtLeast("n", 1));
        assertEquals(Optional.of(5_000_000_000L), values.optLong("big"));
        assertEquals(Optional.of("fast"), values.optOneOf("mode", List.of("fast", "slow")));
        assertEquals(Optional.empty(), values.optOneOf("missing", List.of("fast")));
        ConfigValues inner = values.optObject("inner", Set.of("bits", "deeper")).orElseThrow();
        assertEquals(Optional.of(8), inner.optIntInRange("bits", 1, 32));
        assertEquals("params.inner.bits", inner.path("bits"));
        assertEquals(Map.of("x", 1), inner.optMap("deeper").orElseThrow());
        assertEquals("Add", values.optObjects("ops", Set.of("type")).orElseThrow().get(0).requireString("type"));
        assertEquals(List.of("n", "big", "mode", "inner", "ops", "names").size(), values.keys().size());
    }

    @Test
    void errorsNameTheNestedKey() {
        assertError("params.inner.bits: unknown key (expected one of deeper)",
                () -> values.optObject("inner", Set.of("deeper")));
        assertError("params.inner.bits: must be at most 4, got 8",
                () -> values.optObject("inner", Set.of("bits", "deeper")).orElseThrow().optIntInRange("bits", 1, 4));
        assertError("params.n: must be at least 4, got 3", () -> values.optIntAtLeast("n", 4));
        assertError("params.mode: 'fast' is not one of slow", () -> values.optOneOf("mode", List.of("slow")));
        assertError("params.ops[0].type: unknown key (expected one of kind)",
                () -> values.optObjects("ops", Set.of("kind")));
        assertEquals("params.names", assertThrows(ConfigurationException.class,
                () -> values.optObject("names", Set.of())).keyPath());
        assertError("params.mode: expected a list, got 'fast' (String)", () -> values.optList("mode"));
        assertError("params.names[0]: expected an object, got 'a' (String)", () -> values.optObjects("names", Set.of()));
        assertError("x: unknown key (expected one of a, b)", () -> new ConfigValues(Map.of("x", 1), Set.of("b", "a")));
    }

    private static void assertError(String expected, Runnable read) {
        assertEquals(expected, assertThrows(ConfigurationException.class, read::run).getMessage());
    }
}
