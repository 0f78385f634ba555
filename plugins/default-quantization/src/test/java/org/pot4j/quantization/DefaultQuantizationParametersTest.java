package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.quantization.config.Preset;
import org.pot4j.quantization.placement.QuantizerGroup;

class DefaultQuantizationParametersTest {
    @Test
    void defaultsAreThoseOfPotsTemplate() {
        DefaultQuantizationParameters p = DefaultQuantizationParameters.bind(Map.of());
        assertEquals("ANY", p.targetDevice());
        assertEquals(Preset.PERFORMANCE, p.preset());
        assertEquals(300, p.statSubsetSize());
        assertEquals(1, p.statBatchSize());
        assertEquals("first_layer", p.saturationFix());
        assertEquals(2.0, p.threshold());
        assertTrue(p.useFastBias());
        assertFalse(p.transformer());
        assertTrue(p.filters().get(QuantizerGroup.WEIGHTS).isEmpty());
    }

    @Test
    void shuffleDataTakesTheSeedOfPotsRandomSubset() {
        assertTrue(DefaultQuantizationParameters.bind(Map.of()).shuffleSeed().isEmpty(), "the first samples");
        assertEquals(0, DefaultQuantizationParameters.bind(Map.of("shuffle_data", true)).shuffleSeed().getAsLong());
        assertEquals(7, DefaultQuantizationParameters.bind(Map.of("shuffle_data", true, "seed", 7)).shuffleSeed()
                .getAsLong());
        assertTrue(DefaultQuantizationParameters.bind(Map.of("seed", 7)).shuffleSeed().isEmpty(),
                "a seed alone does not shuffle");
        assertEquals(7, new DefaultQuantization(DefaultQuantizationParameters.bind(Map.of("shuffle_data", true,
                "seed", 7)), () -> null).parameters().shuffleSeed().getAsLong());
        assertEquals("params.seed: must be an integer, got 1.5", assertThrows(ConfigurationException.class,
                () -> DefaultQuantizationParameters.bind(Map.of("shuffle_data", true, "seed", 1.5))).getMessage());
    }

    @Test
    void cascadesTakeIgnoredScopesPerStage() {
        DefaultQuantizationParameters p = DefaultQuantizationParameters.bind(Map.of("ignored", Map.of(
                "pnet", Map.of("scope", List.of("conv1")), "rnet", Map.of("skip_model", true))));
        assertTrue(p.ignoredFor("pnet").scope().contains("conv1"));
        assertTrue(p.ignoredFor("rnet").skipModel());
        assertFalse(p.ignoredFor("onet").skipModel());
        assertTrue(DefaultQuantizationParameters.bind(Map.of("ignored", Map.of("scope", List.of("a"))))
                .ignoredFor("anything").scope().contains("a"));
    }

    @Test
    void errorsNameTheParameter() {
        assertEquals("params.preset: 'fastest' is not one of performance, mixed, accuracy", assertThrows(
                ConfigurationException.class, () -> DefaultQuantizationParameters.bind(Map.of("preset", "fastest")))
                .getMessage());
        assertEquals("params.stat_subset_size: must be at least 1, got 0", assertThrows(ConfigurationException.class,
                () -> DefaultQuantizationParameters.bind(Map.of("stat_subset_size", 0))).getMessage());
        assertEquals("params.use_fast_bias: BiasCorrection (use_fast_bias: false) is not available yet; use "
                + "FastBiasCorrection (true)", assertThrows(ConfigurationException.class,
                () -> DefaultQuantizationParameters.bind(Map.of("use_fast_bias", false))).getMessage());
        assertEquals("params.colour: unknown DefaultQuantization parameter", assertThrows(ConfigurationException.class,
                () -> DefaultQuantizationParameters.bind(Map.of("colour", 1))).getMessage());
        assertEquals("params.ignored.pnet.scope: must be a list of node names", assertThrows(
                ConfigurationException.class, () -> DefaultQuantizationParameters.bind(Map.of("ignored",
                        Map.of("pnet", Map.of("scope", "conv1"))))).getMessage());
    }
}
