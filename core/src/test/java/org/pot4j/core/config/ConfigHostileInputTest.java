package org.pot4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ConfigurationException;

/**
 * Hostile configurations, each found by fuzzing: every one fails with a short {@link ConfigurationException} naming
 * the key path (and for text that is not JSON within limits, the file, line and column), never a
 * NullPointerException, a StackOverflowError or a silently changed value.
 */
class ConfigHostileInputTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("m.xml"), "x");
        Files.createDirectories(dir.resolve("images"));
    }

    /** A valid configuration with {@code params} (JSON text) as the only algorithm's params and the engine's extra keys. */
    private static String config(String engineExtra, String params) {
        return "{\"model\": {\"model_name\": \"m\", \"model\": \"m.xml\"},\n"
                + " \"engine\": {\"type\": \"simplified\", \"data_source\": \"images\"" + engineExtra + "},\n"
                + " \"compression\": {\"algorithms\": [{\"name\": \"X\", \"params\": " + params + "}]}}\n";
    }

    private ConfigurationException fails(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), json);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Pot4jConfigReader.read(file));
        assertTrue(e.getMessage().length() < file.toString().length() + 250, "short: " + e.getMessage());
        return e;
    }

    private Pot4jConfig reads(String json) throws IOException {
        return Pot4jConfigReader.read(Files.writeString(dir.resolve("c.json"), json));
    }

    @Test
    void aNumberOf2000DigitsNamesKeyFileLineAndColumn() throws IOException {
        // the location is that of the last whole token, here the key "stat_subset_size"
        ConfigurationException e = fails(config("", "{\"stat_subset_size\": 1" + "0".repeat(1999) + "}"));
        assertEquals("compression.algorithms[0].params.stat_subset_size", e.keyPath());
        assertEquals(dir.resolve("c.json") + ": invalid JSON at line 3, column 58: Number value length (2000) exceeds "
                + "the maximum allowed (100)", e.reason());
    }

    @Test
    void hundredThousandNestedArraysNameKeyFileLineAndColumn() throws IOException {
        ConfigurationException e = fails(config("", "{\"ignored\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        assertEquals("compression.algorithms[0].params.ignored[0][0][0]...", e.keyPath());
        assertTrue(e.reason().startsWith(dir.resolve("c.json") + ": invalid JSON at line 3, column "), e.reason());
        assertTrue(e.reason().endsWith(": nesting depth (65) exceeds the maximum allowed (64)"), e.reason());
    }

    @Test
    void anIntegerBeyondALongIsRefusedNotWrappedAround() throws IOException {
        // 2^64 + 300: read as a long it wrapped around to 300
        ConfigurationException e = fails(config("", "{\"stat_subset_size\": 18446744073709551916}"));
        assertEquals("compression.algorithms[0].params.stat_subset_size: 18446744073709551916 is out of range: integers "
                + "must lie between -9223372036854775808 and 9223372036854775807", e.getMessage());
        e = fails(config(", \"nireq\": -18446744073709551916", "{}"));
        assertEquals("engine.nireq", e.keyPath());
    }

    @Test
    void aDecimalBeyondADoubleIsRefusedNotInfinite() throws IOException {
        ConfigurationException e = fails(config("", "{\"stat_subset_size\": 1e400}"));
        assertEquals("compression.algorithms[0].params.stat_subset_size: 1E+400 is out of the range of a double",
                e.getMessage());
        e = fails(config("", "{\"fast_bias_correction\": [0.5, -1e-400]}"));
        assertEquals("compression.algorithms[0].params.fast_bias_correction[1]: -1E-400 is too small for a double "
                + "(it would be 0)", e.getMessage());
        e = fails(config(", \"central_fraction\": 1e400", "{}"));
        assertEquals("engine.central_fraction: 1E+400 is out of the range of a double", e.getMessage());
    }

    @Test
    void aDecimalWithAnExponentBeyondAnIntNamesKeyFileLineAndColumn() throws IOException {
        // found by the fuzz test, once decimals were read exactly: Jackson threw a NumberFormatException
        ConfigurationException e = fails(config("", "{\"stat_subset_size\": 1E5000000000}"));
        assertEquals("compression.algorithms[0].params.stat_subset_size", e.keyPath());
        assertEquals(dir.resolve("c.json") + ": invalid JSON at line 3, column 78: a number whose exponent is out of range",
                e.reason());
    }

    @Test
    void integerKeysSayWhichIntegersFit() throws IOException {
        assertEquals("engine.stat_requests_number: must be an integer from -2147483648 to 2147483647, got 3000000000",
                fails(config(", \"stat_requests_number\": 3000000000", "{}")).getMessage());
        assertEquals("engine.stat_requests_number: must be an integer, got 2.5",
                fails(config(", \"stat_requests_number\": 2.5", "{}")).getMessage());
        // the same value in an algorithm's params, as the algorithm binds them
        Map<String, Object> params = reads(config("", "{\"stat_subset_size\": 3000000000}")).compression().algorithms()
                .get(0).params();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ConfigValues(params,
                Set.of("stat_subset_size"), "params.").optIntAtLeast("stat_subset_size", 1));
        assertEquals("params.stat_subset_size: expected an integer from -2147483648 to 2147483647, got 3000000000",
                e.getMessage());
    }

    @Test
    void aNullInAListOfNumbersIsNamed() throws IOException {
        // found by the fuzz test: the message was built from null.getClass()
        Map<String, Object> params = reads(config("", "{\"scale\": [1, null]}")).compression().algorithms().get(0)
                .params();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ConfigValues(params,
                Set.of("scale"), "params.").optNumbers("scale"));
        assertEquals("params.scale[1]: expected a number, got null", e.getMessage());
    }

    @Test
    void decimalsStillReadAsDoubles() throws IOException {
        Pot4jConfig c = reads(config(", \"central_fraction\": 0.875, \"nireq\": 2", "{\"x\": 0.1, \"y\": 2.0, \"z\": 7}"));
        assertEquals(0.875, c.engine().centralFraction().orElseThrow());
        assertEquals(Map.of("x", 0.1, "y", 2.0, "z", 7), c.compression().algorithms().get(0).params());
        assertEquals(2, c.engine().extra().get("nireq"));
    }

    @Test
    void aLongStringIsQuotedShort() throws IOException {
        ConfigurationException e = fails("{\"model\": {\"model_name\": \"m\", \"model\": \"m.xml\"}, \"engine\": "
                + "{\"type\": \"simplified\", \"data_source\": \"images\"}, \"compression\": {\"target_device\": \""
                + "C".repeat(100_000) + "\", \"algorithms\": [{\"name\": \"X\"}]}}");
        assertEquals("compression.target_device", e.keyPath());
        assertTrue(e.reason().startsWith("'CCCC") && e.reason().contains("... (100000 characters)"), e.reason());
    }

    @Test
    void aGlobThatIsNoPathIsAConfigurationError() throws IOException {
        ConfigurationException e = fails(config("", "{}").replace("\"images\"", "\"images/*\\u0000\""));
        assertEquals("engine.data_source", e.keyPath());
        assertTrue(e.reason().startsWith("invalid path 'images/*"), e.reason());
    }

    @Test
    void aFolderIsNoConfigurationFile() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Pot4jConfigReader.read(dir));
        assertEquals(dir + ": not a regular file", e.getMessage());
    }

    // ---- plain Java maps, as the facade passes them

    @Test
    void aMapThatContainsItselfIsAnErrorNotAStackOverflow() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("model_name", "m");
        model.put("model", "m.xml");
        model.put("again", model);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Pot4jConfigReader.readModel(model, dir));
        assertEquals("model.again: contains itself (a map or list that is its own element)", e.getMessage());
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(list);
        e = assertThrows(ConfigurationException.class, () -> Pot4jConfigReader.readAlgorithms(List.of(
                Map.of("name", "X", "params", Map.of("ignored", list)))));
        assertEquals("compression.algorithms[0].params.ignored[1]: contains itself (a map or list that is its own element)",
                e.getMessage());
    }

    @Test
    void deeplyNestedPlainValuesAreAnErrorNotAStackOverflow() {
        Object nested = 1;
        for (int i = 0; i < 100_000; i++) {
            nested = List.of(nested);
        }
        Object deep = nested;
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Pot4jConfigReader.readEngine(
                Map.of("device", "CPU", "deep", deep), dir));
        assertTrue(e.keyPath().startsWith("engine.deep[0][0]"), e.keyPath());
        assertEquals("nested more than 64 levels deep", e.reason());
    }

    @Test
    void theSameMapTwiceIsNoCycle() {
        Map<String, Object> shared = Map.of("a", 1);
        EngineConfig engine = Pot4jConfigReader.readEngine(Map.of("x", shared, "y", List.of(shared, shared)), dir);
        assertEquals(Map.of("x", shared, "y", List.of(shared, shared)), engine.extra());
    }
}
