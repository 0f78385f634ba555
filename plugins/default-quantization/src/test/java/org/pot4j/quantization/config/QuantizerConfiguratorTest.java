package org.pot4j.quantization.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.hardware.HardwareConfig;
import org.pot4j.core.hardware.HardwareConfigs;
import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.hardware.QuantizationScheme;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.quantization.placement.FakeQuantizePlacer;
import org.pot4j.quantization.placement.GraphFacts;
import org.pot4j.quantization.placement.HardwareOps;
import org.pot4j.quantization.placement.IgnoredScope;
import org.pot4j.quantization.placement.QuantizerGroup;
import org.pot4j.quantization.placement.QuantizerSite;
import org.pot4j.testkit.TestAssets;

class QuantizerConfiguratorTest {
    private static QuantizerConfigurator.Configuration configure(String model, Preset preset) {
        Path xml = TestAssets.require("ir/" + model + "/FP16/" + model + ".xml");
        Graph g = new IrModelFormat().read(ModelSource.of(xml)).graph();
        HardwareConfig hw = HardwareConfigs.forTargetDevice("ANY");
        GraphFacts facts = new GraphFacts(g);
        List<QuantizerSite> sites = FakeQuantizePlacer.place(facts, HardwareOps.of(hw), IgnoredScope.NONE, true);
        return new QuantizerConfigurator(facts, hw, preset, Map.of()).configure(sites);
    }

    @Test
    void performanceQuantizesLikeIntelsFaceDetector() {
        QuantizerConfigurator.Configuration c = configure("face-detection-adas-0001", Preset.PERFORMANCE);
        QuantizationScheme dw = c.schemes().get("conv2_1/dw/fq_input_0");
        assertEquals(Granularity.PER_CHANNEL, dw.granularity(), "depthwise inputs are per channel, as Intel's [1,24,1,1]");
        assertEquals(QuantizationMode.SYMMETRIC, dw.mode());
        QuantizationScheme sep = c.schemes().get("conv2_1/sep/fq_input_0");
        assertEquals(Granularity.PER_TENSOR, sep.granularity());
        assertEquals(256, sep.levels(false));
        QuantizationScheme w = c.schemes().get("conv1/fq_weights_1");
        assertEquals(QuantizationMode.SYMMETRIC, w.mode());
        assertEquals(Granularity.PER_CHANNEL, w.granularity());
        assertEquals(255, w.levels(true));
    }

    @Test
    void mixedMakesActivationsAsymmetricAndAccuracyWeightsToo() {
        QuantizerConfigurator.Configuration mixed = configure("landmarks-regression-retail-0009", Preset.MIXED);
        QuantizerConfigurator.Configuration accuracy = configure("landmarks-regression-retail-0009", Preset.ACCURACY);
        for (Map.Entry<String, QuantizationScheme> e : mixed.schemes().entrySet()) {
            boolean weights = e.getKey().contains("/fq_weights_");
            assertEquals(weights ? QuantizationMode.SYMMETRIC : QuantizationMode.ASYMMETRIC, e.getValue().mode(), e.getKey());
            assertEquals(QuantizationMode.ASYMMETRIC, accuracy.schemes().get(e.getKey()).mode(), e.getKey());
        }
        assertFalse(mixed.schemes().isEmpty());
    }

    @Test
    void userValuesRestrictTheSchemes() {
        Path xml = TestAssets.require("ir/landmarks-regression-retail-0009/FP16/landmarks-regression-retail-0009.xml");
        Graph g = new IrModelFormat().read(ModelSource.of(xml)).graph();
        HardwareConfig hw = HardwareConfigs.forTargetDevice("CPU");
        GraphFacts facts = new GraphFacts(g);
        List<QuantizerSite> sites = FakeQuantizePlacer.place(facts, HardwareOps.of(hw), IgnoredScope.NONE, true);
        SchemeFilter perTensorWeights = new SchemeFilter(java.util.OptionalInt.empty(), java.util.Optional.empty(),
                java.util.Optional.of(Granularity.PER_TENSOR), java.util.OptionalLong.empty(), java.util.OptionalLong.empty());
        QuantizerConfigurator.Configuration c = new QuantizerConfigurator(facts, hw, Preset.PERFORMANCE,
                Map.of(QuantizerGroup.WEIGHTS, perTensorWeights)).configure(sites);
        c.schemes().forEach((name, s) -> {
            if (name.contains("/fq_weights_")) {
                assertEquals(Granularity.PER_TENSOR, s.granularity(), name);
            }
        });
        assertTrue(c.schemes().keySet().stream().anyMatch(n -> n.contains("/fq_weights_")));
    }
}
