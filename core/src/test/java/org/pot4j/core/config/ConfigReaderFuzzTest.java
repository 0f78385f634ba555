package org.pot4j.core.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.pot4j.api.error.ConfigurationException;

/**
 * Fuzzes POT's JSON configuration reader: the bytes are a configuration file beside existing model, weights and data
 * files ({@code m.xml}, {@code m.bin}, {@code pnet.xml}, {@code images/}), so seeds naming them reach past the file
 * checks. A configuration that reads is then taken apart as a host and an algorithm would: each algorithm's
 * settings, its params read back through {@link ConfigValues} in every type, and the sections handed again as plain
 * maps ({@link Pot4jConfigReader#readAlgorithms}, {@link Pot4jConfigReader#readEngine}). The contract: each step
 * succeeds or throws a {@link ConfigurationException} with a short message; anything else is a finding. Seeds:
 * {@code src/test/resources/org/pot4j/core/config/ConfigReaderFuzzTestInputs/readsOrRefuses/}; fuzzing mode is
 * {@code JAZZER_FUZZ=1} (see the module README).
 */
class ConfigReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createFiles() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
        Files.createDirectories(dir.resolve("images"));
        for (String f : List.of("m.xml", "m.bin", "pnet.xml", "pnet.bin", "m.onnx")) {
            Files.writeString(dir.resolve(f), "x");
        }
    }

    @AfterAll
    static void deleteFiles() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void readsOrRefuses(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("c.json"), bytes);
        Pot4jConfig config;
        try {
            config = Pot4jConfigReader.read(file);
        } catch (ConfigurationException e) {
            assertShort(e);
            return;
        }
        CompressionConfig compression = config.compression();
        List<Map<String, Object>> asGiven = new ArrayList<>();
        for (int i = 0; i < compression.algorithms().size(); i++) {
            assertNotNull(compression.settings(i));
            AlgorithmConfig algorithm = compression.algorithms().get(i);
            readEveryWay(algorithm.params());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", algorithm.name());
            entry.put("params", algorithm.params());
            asGiven.add(entry);
        }
        refusedOrRead(() -> Pot4jConfigReader.readAlgorithms(asGiven));
        refusedOrRead(() -> Pot4jConfigReader.readEngine(config.engine().extra(), dir));
    }

    /** Every key read as every type: each read returns or throws a ConfigurationException. */
    private static void readEveryWay(Map<String, Object> params) {
        ConfigValues values = new ConfigValues(params, Set.copyOf(params.keySet()), "params.");
        for (String key : values.keys()) {
            refusedOrRead(() -> values.optInt(key));
            refusedOrRead(() -> values.optIntInRange(key, 0, 10));
            refusedOrRead(() -> values.optLong(key));
            refusedOrRead(() -> values.optNumber(key));
            refusedOrRead(() -> values.optNumbers(key));
            refusedOrRead(() -> values.optDims(key));
            refusedOrRead(() -> values.optBoolean(key));
            refusedOrRead(() -> values.optString(key));
            refusedOrRead(() -> values.optOneOf(key, List.of("performance", "mixed")));
            refusedOrRead(() -> values.optList(key));
            refusedOrRead(() -> values.optMap(key));
            refusedOrRead(() -> values.optObjects(key, Set.of("name", "type")));
            refusedOrRead(() -> values.optObject(key, Set.of("name", "type")));
        }
    }

    private static void refusedOrRead(Runnable read) {
        try {
            read.run();
        } catch (ConfigurationException e) {
            assertShort(e);
        }
    }

    /** The reason is short; the key path may be long only when the file's keys are (up to 1000 characters each). */
    private static void assertShort(ConfigurationException e) {
        assertNotNull(e.keyPath());
        assertTrue(e.reason().length() < dir.toString().length() + 600, "short: " + e.getMessage());
    }
}
