package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.testkit.MaxStatistic;

/** Engine behaviour: batching and shape re-inference, statistics, metrics, options and input errors. */
class ReferenceEngineTest {
    private static Tensor sample(int seed, int batch) {
        float[] v = new float[batch * 32];
        for (int j = 0; j < v.length; j++) {
            v[j] = (float) Math.sin(seed * 13 + j);
        }
        return Tensor.ofFloats(v, batch, 2, 4, 4);
    }

    @Test
    void batchSizeChangesReinferShapesAndRepeatRunsReuseThePlan() {
        try (Engine e = OpRunner.engine(Map.of("threads", 2))) {
            e.setModel(TestNetworks.convReluFlatten());
            Tensor one = e.infer(Map.of("data", sample(1, 1))).get("prob");
            assertEquals(org.pot4j.api.tensor.Shape.of(1, 48), one.shape());
            Tensor again = e.infer(Map.of("data", sample(1, 1))).get("prob");
            assertTrue(one.contentEquals(again), "a second run with cached shape values and pooled buffers agrees");
            Tensor three = e.infer(Map.of("data", Tensor.concatBatch(List.of(sample(2, 1), sample(1, 1), sample(3, 1)))))
                    .get("prob");
            assertEquals(org.pot4j.api.tensor.Shape.of(3, 48), three.shape());
            assertArrayEquals(one.toFloatArray(), three.slice(1, 2).toFloatArray(), 1e-6f);
            Tensor oneMore = e.infer(Map.of("", sample(1, 1))).get("prob");
            assertTrue(one.contentEquals(oneMore), "back at batch 1");
        }
    }

    @Test
    void inputsAreMatchedByNameAndCheckedAgainstTheModel() {
        try (Engine e = OpRunner.engine(Map.of())) {
            e.setModel(TestNetworks.convReluFlatten());
            EngineException wrong = assertThrows(EngineException.class,
                    () -> e.infer(Map.of("data", Tensor.ofFloats(new float[9], 1, 1, 3, 3))));
            assertTrue(wrong.getMessage().contains("'data'") && wrong.getMessage().contains("[1,2,4,4]"), wrong.getMessage());
            EngineException missing = assertThrows(EngineException.class, () -> e.infer(Map.of()));
            assertTrue(missing.getMessage().contains("data"), missing.getMessage());
        }
    }

    @Test
    void noModelAndClosedEngineFailClearly() {
        Engine e = OpRunner.engine(Map.of());
        assertThrows(EngineException.class, () -> e.infer(Map.of()));
        e.close();
        assertThrows(EngineException.class, () -> e.setModel(TestNetworks.convReluFlatten()));
    }

    @Test
    void optionsAreValidatedByKey() {
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> ReferenceEngineOptions.from(Map.of("thread", 2)));
        assertEquals("thread", unknown.keyPath());
        assertEquals("threads", assertThrows(ConfigurationException.class,
                () -> ReferenceEngineOptions.from(Map.of("threads", 0))).keyPath());
        assertEquals("vector", assertThrows(ConfigurationException.class,
                () -> ReferenceEngineOptions.from(Map.of("vector", "yes"))).keyPath());
        ReferenceEngineOptions o = ReferenceEngineOptions.from(Map.of("threads", "3", "vector", false, "loader_threads", 1,
                "fusion", "false"));
        assertEquals(new ReferenceEngineOptions(3, false, 1, false), o);
        assertEquals("fusion", assertThrows(ConfigurationException.class,
                () -> ReferenceEngineOptions.from(Map.of("fusion", 1))).keyPath());
        assertEquals(Runtime.getRuntime().availableProcessors(), ReferenceEngineOptions.from(Map.of()).threads());
    }

    @Test
    void onlyCpu() {
        assertThrows(EngineException.class, () -> new ReferenceEngineFactory().create(
                new EngineSettings("GPU", Map.of(), new ListDataLoader(List.of(DataItem.of(Tensor.scalar(0)))),
                        Optional.empty()), null));
    }

    /** Counts samples and their annotation sum; checks each batch's output shape. */
    private static final class CountingMetric implements Metric {
        double sum;
        int samples;

        @Override
        public Map<String, List<Double>> value() {
            return Map.of();
        }

        @Override
        public Map<String, Double> averageValue() {
            return Map.of("samples", (double) samples, "annotation_sum", sum);
        }

        @Override
        public void update(Map<String, Tensor> outputs, List<Object> annotations) {
            assertEquals(annotations.size(), outputs.get("prob").shape().dim(0));
            samples += annotations.size();
            for (Object a : annotations) {
                sum += (Integer) a;
            }
        }

        @Override
        public void reset() {
            sum = 0;
            samples = 0;
        }

        @Override
        public Map<String, MetricAttributes> attributes() {
            return Map.of();
        }
    }

    @Test
    void predictFeedsStatisticsOfIntermediatePortsAndUpdatesTheMetric() {
        List<DataItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(DataItem.of(sample(i, 1).reshape(org.pot4j.api.tensor.Shape.of(2, 4, 4)), i));
        }
        CountingMetric metric = new CountingMetric();
        try (Engine e = new ReferenceEngineFactory().create(
                new EngineSettings("CPU", Map.of(), new ListDataLoader(items), Optional.of(metric)), null)) {
            e.setModel(TestNetworks.convReluFlatten());
            PortRef conv = PortRef.of("conv");
            PortRef relu = PortRef.of("relu");
            StatisticsRequest req = StatisticsRequest.builder().add(conv, new MaxStatistic("max"))
                    .add(relu, new MaxStatistic("max")).add(relu, new MaxStatistic("max2")).build();
            PredictResult r = e.predict(new PredictRequest(Sampler.sequential(5, 2), req, true, null));
            assertEquals(3f, r.statistics().require(conv, "max").getFloat(1), "three batches: 2 + 2 + 1");
            assertEquals(r.statistics().require(conv, "max").getFloat(0), r.statistics().require(relu, "max").getFloat(0),
                    1e-6, "ReLU keeps the positive max");
            assertEquals(3f, r.statistics().require(relu, "max2").getFloat(1));
            assertEquals(5.0, r.metrics().get("samples"));
            assertEquals(10.0, r.metrics().get("annotation_sum"));
            EngineException bad = assertThrows(EngineException.class, () -> e.predict(PredictRequest.statistics(
                    Sampler.sequential(1, 1), StatisticsRequest.builder().add(PortRef.of("nope"), new MaxStatistic("m")).build(),
                    null)));
            assertTrue(bad.getMessage().contains("nope"), bad.getMessage());
        }
    }
}
