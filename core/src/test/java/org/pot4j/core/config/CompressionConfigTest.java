package org.pot4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;

/** The compression section hands each algorithm its params and the common keys, and places its errors in the file. */
class CompressionConfigTest {
    private final CompressionConfig compression = new CompressionConfig("CPU", Optional.of("transformer"), true, false,
            List.of(new AlgorithmConfig("A", Map.of("a", 1)), new AlgorithmConfig("B", Map.of("b", 2))));

    @Test
    void eachAlgorithmGetsItsOwnParamsAndTheCommonKeys() {
        AtomicReference<AlgorithmSettings> seen = new AtomicReference<>();
        Algorithm created = new Algorithm() {
            @Override
            public String name() {
                return "B";
            }

            @Override
            public Model run(Model model, Engine engine, CollectedStatistics statistics) {
                return model;
            }
        };
        assertSame(created, compression.create(1, factory(settings -> {
            seen.set(settings);
            return created;
        }), null));
        assertEquals(new AlgorithmSettings(Map.of("b", 2), "CPU", Optional.of("transformer"), true), seen.get());
    }

    @Test
    void anAlgorithmsKeyIsNamedFromTheFilesRoot() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> compression.create(1,
                factory(settings -> {
                    throw new ConfigurationException("params.b", "must be at least 3, got 2");
                }), null));
        assertEquals("compression.algorithms[1].params.b", e.keyPath());
        assertEquals("compression.algorithms[1].params.b: must be at least 3, got 2", e.getMessage());
        assertEquals("must be at least 3, got 2", e.reason());
    }

    @Test
    void otherKeyPathsAreLeftAsTheyAre() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> compression.create(0,
                factory(settings -> {
                    throw new ConfigurationException("", "Unsupported target_device 'CPU'");
                }), null));
        assertEquals("Unsupported target_device 'CPU'", e.getMessage());
    }

    private interface Creation {
        Algorithm create(AlgorithmSettings settings);
    }

    private static AlgorithmFactory factory(Creation creation) {
        return new AlgorithmFactory() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public Algorithm create(AlgorithmSettings settings, PluginContext context) {
                return creation.create(settings);
            }
        };
    }
}
