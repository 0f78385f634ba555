package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.gna.GnaCounters;
import org.pot4j.engine.reference.gna.GnaEngine;
import org.pot4j.engine.reference.gna.GnaEngineFactory;

/** The GNA emulation against the reference engine's FP32 FakeQuantize arithmetic. */
class GnaEngineTest {
    private static final EngineSettings GNA = new EngineSettings("GNA", Map.of("threads", 1));

    private static GnaEngine gna(Model model) {
        GnaEngine e = (GnaEngine) new GnaEngineFactory().create(GNA, null);
        e.setModel(model);
        return e;
    }

    private static float[] run(Engine e, float[] x) {
        return e.infer(Map.of("data", Tensor.ofFloats(x, 1, x.length))).values().iterator().next().toFloatArray();
    }

    private static float[] reference(Model model, float[] x) {
        try (Engine e = new ReferenceEngineFactory().create(EngineSettings.cpu(Map.of("threads", 1)), null)) {
            e.setModel(model);
            return run(e, x);
        }
    }

    private static float[] wave(int k, double amplitude) {
        float[] x = new float[k];
        for (int i = 0; i < k; i++) {
            x[i] = (float) (amplitude * Math.sin(0.3 * i + 0.1));
        }
        return x;
    }

    @Test
    void integerAffineAgreesWithTheFakeQuantizedFloatModelWhenNothingSaturates() {
        for (long weightLevels : new long[] {255, 65535}) {
            Model model = GnaNetworks.affine(40, 8, 2.0, 0.5, weightLevels, 1);
            float[] x = wave(40, 1.7);
            try (GnaEngine e = gna(model)) {
                float[] got = run(e, x);
                float[] want = reference(model, x);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], got[i], 1e-5, "output " + i + " with " + weightLevels + " weight levels");
                }
                GnaCounters c = e.counters();
                assertEquals(1, c.integerOps().size(), c.floatOps().toString());
                assertTrue(c.integerOps().get("affine").startsWith(weightLevels == 255 ? "int16 x int8" : "int16 x int16"),
                        c.integerOps().toString());
                assertEquals(8, c.accumulators());
                assertEquals(0, c.saturated());
            }
        }
    }

    @Test
    void accumulatorsSaturateAtInt32AndOverflowCorrectedWeightsDoNot() {
        // 2048 inputs at the top of the int16 grid with the signs of column 0's 16-bit weights: a sum of ~1.4e12
        int k = 2048;
        float[] x = new float[k];
        for (int j = 0; j < k; j++) {
            x[j] = Math.cos(j) >= 0 ? 1f : -1f;
        }
        Model overflowing = GnaNetworks.affine(k, 4, 1.0, 1.0, 65535, 1);
        try (GnaEngine e = gna(overflowing)) {
            run(e, x);
            assertTrue(e.counters().saturated() > 0, "saturated " + e.counters().saturated());
        }
        // OverflowCorrection's rescale (POT_SPEC §9.3): W / r through the same input range, output range times r
        Model corrected = GnaNetworks.affine(k, 4, 1.0, 1.0, 65535, 1024);
        try (GnaEngine e = gna(corrected)) {
            float[] got = run(e, x);
            assertEquals(0, e.counters().saturated());
            float[] want = reference(corrected, x);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4, "output " + i);
            }
        }
    }

    @Test
    void aMatMulWithoutQuantizersRunsInFloatAndSaysWhy() {
        Model model = GnaNetworks.floatAffine(8, 3);
        float[] x = wave(8, 1);
        try (GnaEngine e = gna(model)) {
            float[] got = run(e, x);
            float[] want = reference(model, x);
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 0f);
            }
            assertEquals(Map.of("affine", "the input is not behind a FakeQuantize (Parameter 'data' in between)"), e.counters().floatOps());
            assertEquals(0, e.counters().accumulators());
        }
    }

    @Test
    void theFactoryRunsOnGnaOnlyAndThePluginListsIt() {
        EngineException e = assertThrows(EngineException.class,
                () -> new GnaEngineFactory().create(EngineSettings.cpu(), null));
        assertTrue(e.getMessage().contains("'CPU'"), e.getMessage());
        assertTrue(new ReferenceEnginePlugin().engines().stream().anyMatch(f -> f.name().equals("gna")
                && f.devices().equals(java.util.Set.of("GNA")) && f.unavailableReason("GNA").isEmpty()));
    }
}
