package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.inference.PredictResult;
import org.pot4j.testkit.HostReduction;
import org.pot4j.testkit.RecordingObserver;

/**
 * Engine behaviour: batching and shape re-inference, observed ports and reductions in the engine, a pass of the
 * inference loop, options and input errors.
 */
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
            assertEquals(Shape.of(1, 48), one.shape());
            Tensor again = e.infer(Map.of("data", sample(1, 1))).get("prob");
            assertTrue(one.contentEquals(again), "a second run with cached shape values and pooled buffers agrees");
            Tensor three = e.infer(Map.of("data", Tensor.concatBatch(List.of(sample(2, 1), sample(1, 1), sample(3, 1)))))
                    .get("prob");
            assertEquals(Shape.of(3, 48), three.shape());
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
        ReferenceEngineOptions o = ReferenceEngineOptions.from(Map.of("threads", "3", "vector", false, "fusion", "false"));
        assertEquals(new ReferenceEngineOptions(3, false, false), o);
        assertEquals("loader_threads", assertThrows(ConfigurationException.class,
                () -> ReferenceEngineOptions.from(Map.of("loader_threads", 1))).keyPath(),
                "loading ahead is the inference loop's job now, not an engine option");
        assertEquals("fusion", assertThrows(ConfigurationException.class,
                () -> ReferenceEngineOptions.from(Map.of("fusion", 1))).keyPath());
        assertEquals(Runtime.getRuntime().availableProcessors(), ReferenceEngineOptions.from(Map.of()).threads());
    }

    @Test
    void onlyCpu() {
        assertThrows(EngineException.class, () -> new ReferenceEngineFactory().create(
                new EngineSettings("GPU", Map.of()), null));
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

    /** The largest element seen over a pass, and how many inferences showed it; takes whole values only. */
    private static final class MaxAndCount implements Statistic {
        private final String name;

        MaxAndCount(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Accumulator newAccumulator() {
            return new Accumulator() {
                private float max = Float.NEGATIVE_INFINITY;
                private int inferences;

                @Override
                public void accept(Tensor batch) {
                    inferences++;
                    for (float v : batch.toFloatArray()) {
                        max = Math.max(max, v);
                    }
                }

                @Override
                public Tensor result() {
                    return Tensor.ofFloats(Shape.of(2), max, inferences);
                }
            };
        }
    }

    @Test
    void aPassFeedsStatisticsOfIntermediatePortsAndUpdatesTheMetric() {
        List<DataItem> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(DataItem.of(sample(i, 1).reshape(Shape.of(2, 4, 4)), i));
        }
        CountingMetric metric = new CountingMetric();
        try (Engine e = OpRunner.engine(Map.of())) {
            e.setModel(TestNetworks.convReluFlatten());
            InferenceLoop loop = InferenceLoop.of(e, new ListDataLoader(items)).withMetric(metric);
            PortRef conv = PortRef.of("conv");
            PortRef relu = PortRef.of("relu");
            StatisticsRequest req = StatisticsRequest.builder().add(conv, new MaxAndCount("max"))
                    .add(relu, new MaxAndCount("max")).add(relu, new MaxAndCount("max2")).build();
            PredictResult r = loop.run(new PredictRequest(Sampler.sequential(5, 2), req, true, null));
            assertEquals(3f, r.statistics().require(conv, "max").getFloat(1), "three batches: 2 + 2 + 1");
            assertEquals(r.statistics().require(conv, "max").getFloat(0), r.statistics().require(relu, "max").getFloat(0),
                    1e-6, "ReLU keeps the positive max");
            assertEquals(3f, r.statistics().require(relu, "max2").getFloat(1));
            assertEquals(5.0, r.metrics().get("samples"));
            assertEquals(10.0, r.metrics().get("annotation_sum"));
            EngineException bad = assertThrows(EngineException.class, () -> loop.run(PredictRequest.statistics(
                    Sampler.sequential(1, 1), StatisticsRequest.builder().add(PortRef.of("nope"), new MaxAndCount("m")).build(),
                    null)));
            assertTrue(bad.getMessage().contains("nope"), bad.getMessage());
        }
    }

    /** Every reduction kind, per tensor and per channel on axis 1 and on the last axis. */
    private static Set<Reduction> everyReduction() {
        Set<Reduction> out = new LinkedHashSet<>();
        for (Reduction.Kind kind : Reduction.Kind.values()) {
            if (kind.isQuantile()) {
                continue; // the reference engine selects quantiles on the host, from the whole value
            }
            out.add(Reduction.perTensor(kind));
            out.add(Reduction.perChannel(kind, 1));
            out.add(Reduction.perChannel(kind, -1));
        }
        return out;
    }

    @Test
    void reductionsInTheEngineEqualHostReductionsOfTheWholeValue() {
        try (Engine e = OpRunner.engine(Map.of("threads", 2))) {
            e.setModel(TestNetworks.convReluFlatten());
            Map<String, Tensor> inputs = Map.of("data", Tensor.concatBatch(List.of(sample(1, 1), sample(2, 1), sample(3, 1))));
            PortRef conv = PortRef.of("conv");
            RecordingObserver whole = RecordingObserver.whole(conv);
            e.infer(inputs, whole);
            Tensor value = whole.wholeAt(conv).get(0);
            assertEquals(Shape.of(3, 3, 4, 4), value.shape());
            RecordingObserver reduced = new RecordingObserver(Map.of(conv, everyReduction()));
            e.infer(inputs, reduced);
            assertTrue(reduced.wholeAt(conv).isEmpty(), "float rank-4 values are reduced in the engine");
            for (Reduction r : everyReduction()) {
                List<Tensor> got = reduced.reducedAt(conv, r);
                assertEquals(1, got.size(), r + " once per inference");
                Tensor expected = HostReduction.of(r, value);
                assertEquals(expected.shape(), got.get(0).shape(), r + ": shape");
                assertArrayEquals(expected.toFloatArray(), got.get(0).toFloatArray(), 1e-6f, r.toString());
            }
        }
    }

    @Test
    void aReductionThatDoesNotApplyToThePortsRankGivesTheWholeValueInstead() {
        try (Engine e = OpRunner.engine(Map.of())) {
            e.setModel(TestNetworks.convReluFlatten());
            PortRef flat = PortRef.of("flat");
            Map<String, Tensor> inputs = Map.of("data", Tensor.concatBatch(List.of(sample(1, 1), sample(2, 1))));
            Reduction max = Reduction.perTensor(Reduction.Kind.MAX);
            Reduction perChannel = Reduction.perChannel(Reduction.Kind.MAX, 1);
            RecordingObserver both = new RecordingObserver(Map.of(flat, Set.of(max, perChannel)));
            e.infer(inputs, both);
            assertEquals(1, both.wholeAt(flat).size(), "per channel does not apply to [N, 48]: the whole value, once");
            assertEquals(Shape.of(2, 48), both.wholeAt(flat).get(0).shape());
            assertTrue(both.reducedAt(flat, max).isEmpty(), "never whole and reduced at once");
            RecordingObserver perTensor = new RecordingObserver(Map.of(flat, Set.of(max)));
            e.infer(inputs, perTensor);
            assertTrue(perTensor.wholeAt(flat).isEmpty());
            assertArrayEquals(HostReduction.of(max, both.wholeAt(flat).get(0)).toFloatArray(),
                    perTensor.reducedAt(flat, max).get(0).toFloatArray(), 0f, "per tensor applies to rank 2");
        }
    }

    @Test
    void reductionsAtAPortInsideAFusionSeeTheUnfusedValue() {
        float[] v = new float[2 * 3 * 8 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.37) * 0.8f;
        }
        Map<String, Tensor> inputs = Map.of("data", Tensor.ofFloats(v, 2, 3, 8, 8));
        // conv1 -> add1 -> relu1 runs as one fused step; conv1's own value is never a separate step there
        PortRef conv = PortRef.of("conv1");
        Tensor unfused;
        try (Engine plain = OpRunner.engine(Map.of("threads", 2, "fusion", false))) {
            plain.setModel(FusionTest.network());
            RecordingObserver whole = RecordingObserver.whole(conv);
            plain.infer(inputs, whole);
            unfused = whole.wholeAt(conv).get(0);
        }
        try (Engine fused = OpRunner.engine(Map.of("threads", 2, "fusion", true))) {
            fused.setModel(FusionTest.network());
            RecordingObserver reduced = new RecordingObserver(Map.of(conv, everyReduction()));
            fused.infer(inputs, reduced);
            assertTrue(reduced.wholeAt(conv).isEmpty());
            for (Reduction r : everyReduction()) {
                assertArrayEquals(HostReduction.of(r, unfused).toFloatArray(), reduced.reducedAt(conv, r).get(0).toFloatArray(),
                        1e-6f, r + " at conv1 with fusion on");
            }
            float min = HostReduction.of(Reduction.perTensor(Reduction.Kind.MIN), unfused).toFloatArray()[0];
            assertTrue(min < 0, "conv1 before the fused bias and ReLU has negative values: " + min);
        }
    }
}
