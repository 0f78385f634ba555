package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.model.Model;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.graph.GraphModel;
import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.quantization.config.Preset;
import org.pot4j.quantization.config.SchemeFilter;
import org.pot4j.quantization.placement.IgnoredScope;
import org.pot4j.quantization.placement.IgnoredScopes;
import org.pot4j.quantization.placement.QuantizerGroup;
import org.pot4j.quantization.range.RangeEstimatorParams;
import org.pot4j.quantization.range.RangeEstimatorParams.BoundParams;

/** Every key of DefaultQuantization's params and every default, and the errors naming the key at fault. */
class DefaultQuantizationParametersTest {
    @Test
    void defaultsAreThoseOfPotsTemplate() {
        DefaultQuantizationParameters p = bind(Map.of());
        assertEquals("ANY", p.targetDevice());
        assertEquals(Preset.PERFORMANCE, p.preset());
        assertEquals(300, p.statSubsetSize());
        assertEquals(1, p.statBatchSize());
        assertEquals(IgnoredScopes.NONE, p.ignored());
        assertFalse(p.transformer());
        assertTrue(p.useFastBias());
        assertEquals("first_layer", p.saturationFix());
        assertEquals(2.0, p.threshold());
        assertFalse(p.applyForAllNodes());
        assertEquals(Map.of(QuantizerGroup.WEIGHTS, SchemeFilter.NONE, QuantizerGroup.ACTIVATIONS, SchemeFilter.NONE),
                p.filters());
        assertEquals(Map.of(QuantizerGroup.WEIGHTS, RangeEstimatorParams.DEFAULT,
                QuantizerGroup.ACTIVATIONS, RangeEstimatorParams.DEFAULT), p.rangeEstimators());
        assertTrue(p.shuffleSeed().isEmpty(), "the first samples");
    }

    @Test
    void everyScalarKey() {
        DefaultQuantizationParameters p = bind(Map.of("preset", "asymmetric", "stat_subset_size", 5,
                "stat_batch_size", 2, "saturation_fix", "all", "threshold", 1000, "apply_for_all_nodes", true,
                "use_fast_bias", true, "use_layerwise_tuning", false, "model_type", "transformer"));
        assertEquals(Preset.ACCURACY, p.preset(), "an alias; the API path does not rename presets per device");
        assertEquals(5, p.statSubsetSize());
        assertEquals(2, p.statBatchSize());
        assertEquals("all", p.saturationFix());
        assertEquals(1000.0, p.threshold());
        assertTrue(p.applyForAllNodes());
        assertTrue(p.transformer());
        assertFalse(bind(Map.of("model_type", "None")).transformer(), "POT's None");
    }

    @Test
    void shuffleDataTakesTheSeedOfPotsRandomSubset() {
        assertEquals(0, bind(Map.of("shuffle_data", true)).shuffleSeed().getAsLong());
        assertEquals(7, bind(Map.of("shuffle_data", true, "seed", 7)).shuffleSeed().getAsLong());
        assertTrue(bind(Map.of("seed", 7)).shuffleSeed().isEmpty(), "a seed alone does not shuffle");
        assertEquals(7, new DefaultQuantization(bind(Map.of("shuffle_data", true, "seed", 7)), () -> null)
                .parameters().shuffleSeed().getAsLong());
    }

    @Test
    void theCommonKeysComeFromTheSettings() {
        DefaultQuantizationParameters p = DefaultQuantizationParameters.bind(new AlgorithmSettings(Map.of(), "GNA",
                Optional.of("transformer"), false));
        assertEquals("GNA", p.targetDevice());
        assertTrue(p.transformer());
    }

    @Test
    void theCompressionSectionsTargetDeviceAppliesOverTheParamsOne() {
        // POT's config reader writes compression.target_device (default ANY) over the params' one
        assertEquals("CPU", DefaultQuantizationParameters.bind(AlgorithmSettings.of(Map.of("target_device", "GPU"),
                "CPU")).targetDevice());
        assertEquals("ANY", bind(Map.of("target_device", "GPU")).targetDevice());
        assertEquals("params.target_device: 'TPU' is not one of ", error(Map.of("target_device", "TPU"))
                .getMessage().substring(0, "params.target_device: 'TPU' is not one of ".length()));
    }

    @Test
    void aModelTypeInTheParamsCountsWhenTheSettingsHaveNone() {
        assertTrue(bind(Map.of("model_type", "transformer")).transformer());
        assertTrue(DefaultQuantizationParameters.bind(new AlgorithmSettings(Map.of("model_type", "None"), "ANY",
                Optional.of("transformer"), false)).transformer(), "the settings' model type applies");
    }

    @Test
    void weightsAndActivationsRestrictSchemesAndOverrideEstimators() {
        DefaultQuantizationParameters p = bind(Map.of(
                "weights", Map.of("bits", 8, "mode", "symmetric", "granularity", "perchannel", "level_low", -127,
                        "level_high", 127, "range_estimator", Map.of("preset", "quantile", "max", Map.of("type",
                                "abs_quantile", "outlier_prob", 0.001, "granularity", "pertensor",
                                "clipping_value", 3))),
                "activations", Map.of("mode", "asymmetric"),
                "range_estimator", Map.of("min", Map.of("aggregator", "min"), "max", Map.of())));
        assertEquals(new SchemeFilter(OptionalInt.of(8), Optional.of(QuantizationMode.SYMMETRIC),
                Optional.of(Granularity.PER_CHANNEL), OptionalLong.of(-127), OptionalLong.of(127)),
                p.filters().get(QuantizerGroup.WEIGHTS));
        assertEquals(new SchemeFilter(OptionalInt.empty(), Optional.of(QuantizationMode.ASYMMETRIC), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty()), p.filters().get(QuantizerGroup.ACTIVATIONS));
        assertEquals(new RangeEstimatorParams(true, Optional.empty(), Optional.of(new BoundParams(
                Optional.of(Reducer.ABS_QUANTILE), Optional.empty(), OptionalDouble.of(0.001),
                Optional.of(Granularity.PER_TENSOR), OptionalDouble.of(3)))), p.rangeEstimators().get(QuantizerGroup.WEIGHTS));
        assertEquals(new RangeEstimatorParams(false, Optional.of(new BoundParams(Optional.empty(),
                Optional.of(Aggregator.MIN), OptionalDouble.empty(), Optional.empty(), OptionalDouble.empty())),
                Optional.of(BoundParams.NONE)), p.rangeEstimators().get(QuantizerGroup.ACTIVATIONS),
                "the top-level range_estimator, for a group without its own");
    }

    @Test
    void ignoredScopeOfASingleModel() {
        IgnoredScope scope = bind(Map.of("ignored", Map.of("scope", List.of("conv1", List.of("loop", "body", "conv")),
                "operations", List.of(Map.of("type", "MatMul", "attributes", Map.of("transpose_b", false)),
                        Map.of("type", "Add")), "skip_model", false))).ignoredFor("anything");
        assertEquals(Set.of("conv1", "loop|body|conv"), scope.scope(), "a nested name is joined with '|' as POT");
        assertEquals(List.of(new IgnoredScope.OperationPattern("MatMul", Map.of("transpose_b", false)),
                new IgnoredScope.OperationPattern("Add", Map.of())), scope.operations());
        assertFalse(scope.skipModel());
    }

    @Test
    void cascadesTakeIgnoredScopesPerStage() {
        DefaultQuantizationParameters p = bind(Map.of("ignored", Map.of(
                "pnet", Map.of("scope", List.of("conv1")), "rnet", Map.of("skip_model", true))));
        assertTrue(p.ignoredFor("pnet").scope().contains("conv1"));
        assertTrue(p.ignoredFor("rnet").skipModel());
        assertFalse(p.ignoredFor("onet").skipModel());
        Model cascade = new CascadeModel("mtcnn", List.of(model("pnet"), model("rnet"), model("onet")));
        p.ignored().checkStages(cascade);
        assertEquals("params.ignored.xnet: unknown key (expected one of a, b, the stages of cascade 'c')",
                assertThrows(ConfigurationException.class, () -> bind(Map.of("ignored", Map.of("xnet", Map.of())))
                        .ignored().checkStages(new CascadeModel("c", List.of(model("a"), model("b"))))).getMessage());
        assertEquals("params.ignored.pnet: unknown key (expected one of operations, scope, skip_model; stage names are"
                + " for cascades only)", assertThrows(ConfigurationException.class, () -> bind(Map.of("ignored",
                Map.of("pnet", Map.of("skip_model", true)))).ignored().checkStages(model("single"))).getMessage());
    }

    @Test
    void errorsNameTheParameter() {
        assertError("params.preset: 'fastest' is not one of performance, mixed, accuracy", Map.of("preset", "fastest"));
        assertError("params.stat_subset_size: must be at least 1, got 0", Map.of("stat_subset_size", 0));
        assertError("params.stat_batch_size: must be at least 1, got 0", Map.of("stat_batch_size", 0));
        assertError("params.stat_subset_size: expected a number, got '300' (String)", Map.of("stat_subset_size", "300"));
        assertError("params.use_fast_bias: BiasCorrection (use_fast_bias: false) is not available yet; use "
                + "FastBiasCorrection (true)", Map.of("use_fast_bias", false));
        assertError("params.use_layerwise_tuning: layer-wise tuning is not available in pot4j",
                Map.of("use_layerwise_tuning", true));
        assertError("params.seed: expected an integer, got 1.5", Map.of("shuffle_data", true, "seed", 1.5));
        assertError("params.model_type: 'cnn' is not one of None, transformer", Map.of("model_type", "cnn"));
        assertError("params.saturation_fix: 'some' is not one of no, first_layer, all", Map.of("saturation_fix", "some"));
        assertError("params.weights.bits: must be at most 32, got 40", Map.of("weights", Map.of("bits", 40)));
        assertError("params.weights.mode: 'sym' is not one of symmetric, asymmetric", Map.of("weights",
                Map.of("mode", "sym")));
        assertError("params.activations.granularity: 'perlayer' is not one of pertensor, perchannel",
                Map.of("activations", Map.of("granularity", "perlayer")));
        assertError("params.activations.level_low: expected an integer, got 0.5", Map.of("activations",
                Map.of("level_low", 0.5)));
        assertError("params.weights.range_estimator.max.aggregator: unknown key (expected one of clipping_value, "
                + "granularity, outlier_prob, type)", Map.of("weights", Map.of("range_estimator",
                Map.of("max", Map.of("aggregator", "mean")))));
        assertError("params.range_estimator.min.type: 'median' is not one of min, max, abs_max, quantile, abs_quantile",
                Map.of("range_estimator", Map.of("min", Map.of("type", "median"))));
        assertError("params.range_estimator.preset: 'best' is not one of default, quantile",
                Map.of("range_estimator", Map.of("preset", "best")));
        assertError("params.activations.range_estimator.max.outlier_prob: must be in [0, 1], got 2.0",
                Map.of("activations", Map.of("range_estimator", Map.of("max", Map.of("outlier_prob", 2)))));
        assertError("params.ignored.scope: expected a list, got 'conv1' (String)",
                Map.of("ignored", Map.of("scope", "conv1")));
        assertError("params.ignored.scope[1]: expected a node name (a non-empty string), got 3",
                Map.of("ignored", Map.of("scope", List.of("a", 3))));
        assertError("params.ignored.operations[0].type: is required",
                Map.of("ignored", Map.of("operations", List.of(Map.of("attributes", Map.of())))));
        assertError("params.ignored.pnet.scope: expected a list, got 'conv1' (String)",
                Map.of("ignored", Map.of("pnet", Map.of("scope", "conv1"))));
    }

    @Test
    void unknownKeysAreErrorsAndTheCompressionSectionsKeysAreNotParams() {
        ConfigurationException e = error(Map.of("colour", 1));
        assertEquals("params.colour", e.keyPath());
        assertTrue(e.getMessage().startsWith("params.colour: unknown key (expected one of activations, "
                + "apply_for_all_nodes, ignored, model_type, preset, range_estimator"), e.getMessage());
        assertEquals("params.inplace_statistics", error(Map.of("inplace_statistics", true)).keyPath());
        assertEquals("params.dump_intermediate_model", error(Map.of("dump_intermediate_model", true)).keyPath());
        assertEquals("params.weights.colour", error(Map.of("weights", Map.of("colour", 1))).keyPath());
    }

    private static DefaultQuantizationParameters bind(Map<String, Object> params) {
        return DefaultQuantizationParameters.bind(AlgorithmSettings.of(params));
    }

    private static ConfigurationException error(Map<String, Object> params) {
        return assertThrows(ConfigurationException.class, () -> bind(params));
    }

    private static void assertError(String expected, Map<String, Object> params) {
        assertEquals(expected, error(params).getMessage());
    }

    private static Model model(String name) {
        return new GraphModel(name, new GraphBuilder().build());
    }
}
