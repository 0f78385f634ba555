package org.pot4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * The contract every {@link Engine} passes. Subclass it with the engine's factory, a model and a data loader whose
 * samples fit the model (at least two samples).
 */
public abstract class EngineContractTest {
    protected abstract EngineFactory factory();

    protected abstract Model model();

    protected abstract DataLoader dataLoader();

    /** Where the contract asks for statistics: by default the producer of the first model output. */
    protected PortRef statisticPort(Model model) {
        Node result = model.graph().results().get(0);
        return result.input(0).orElseThrow();
    }

    /** The tolerance for comparing statistics computed at different batch sizes. */
    protected double tolerance() {
        return 1e-4;
    }

    private Engine engine() {
        return factory().create(EngineSettings.of(dataLoader()), new TestPluginContext());
    }

    @Test
    void hasAName() {
        assertFalse(factory().name().isBlank());
        try (Engine e = engine()) {
            assertEquals(factory().name(), e.name());
            assertTrue(e.model().isEmpty(), "no model before setModel");
        }
    }

    @Test
    void inferReturnsEveryOutput() {
        try (Engine e = engine()) {
            Model model = model();
            e.setModel(model);
            DataItem item = dataLoader().get(0);
            Map<String, Tensor> batched = new HashMap<>();
            item.inputs().forEach((k, v) -> batched.put(k, Tensor.concatBatch(java.util.List.of(addBatchAxis(v)))));
            Map<String, Tensor> out = e.infer(batched);
            assertEquals(model.graph().results().size(), out.size(), "one tensor per model output: " + out.keySet());
        }
    }

    @Test
    void inferWithAnUnknownInputNameFailsNamingIt() {
        try (Engine e = engine()) {
            e.setModel(model());
            Tensor t = addBatchAxis(dataLoader().get(0).inputs().values().iterator().next());
            Pot4jException ex = assertThrows(Pot4jException.class, () -> e.infer(Map.of("no-such-input", t)));
            assertTrue(ex.getMessage().contains("no-such-input"), ex.getMessage());
        }
    }

    @Test
    void predictCollectsStatisticsAndReportsProgress() {
        try (Engine e = engine()) {
            Model model = model();
            e.setModel(model);
            PortRef port = statisticPort(model);
            StatisticsRequest request = StatisticsRequest.builder().add(port, new MaxStatistic("max")).build();
            RecordingProgressListener progress = new RecordingProgressListener();
            int n = Math.min(4, dataLoader().size());
            PredictResult r = e.predict(PredictRequest.statistics(Sampler.sequential(n, 1), request, progress));
            Tensor max = r.statistics().require(port, "max");
            assertEquals(n, (int) max.getFloat(1), "one accumulator call per batch");
            assertEquals(n, progress.lastProgress(), "progress reaches the number of samples");
            assertTrue(progress.events().get(0).startsWith("started"), progress.events().toString());
        }
    }

    @Test
    void batchingDoesNotChangeStatistics() {
        try (Engine e = engine()) {
            Model model = model();
            e.setModel(model);
            PortRef port = statisticPort(model);
            StatisticsRequest request = StatisticsRequest.builder().add(port, new MaxStatistic("max")).build();
            int n = Math.min(4, dataLoader().size());
            float one = e.predict(PredictRequest.statistics(Sampler.sequential(n, 1), request, null))
                    .statistics().require(port, "max").getFloat(0);
            float two = e.predict(PredictRequest.statistics(Sampler.sequential(n, 2), request, null))
                    .statistics().require(port, "max").getFloat(0);
            assertEquals(one, two, Math.abs(one) * tolerance() + tolerance(), "max at batch 1 vs batch 2");
        }
    }

    /** Adds a leading batch axis of 1 to a sample tensor. */
    protected static Tensor addBatchAxis(Tensor t) {
        long[] dims = t.shape().dims();
        long[] withBatch = new long[dims.length + 1];
        withBatch[0] = 1;
        System.arraycopy(dims, 0, withBatch, 1, dims.length);
        return t.reshape(org.pot4j.api.tensor.Shape.of(withBatch));
    }
}
