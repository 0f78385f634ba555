package org.pot4j.core.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.DataException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

class InferenceLoopTest {
    private static final PortRef ACT = PortRef.of("act");
    private static final Model MODEL = new NamedModel("m");

    record NamedModel(String name) implements Model {
        @Override
        public String format() {
            return "test";
        }

        @Override
        public Graph graph() {
            return new GraphBuilder().build();
        }

        @Override
        public Model copy() {
            return this;
        }
    }

    /** Sample i is {@code [i, i]}, annotated "a{i}". */
    private static DataLoader pairs(int count) {
        return new DataLoader() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public DataItem get(int index) {
                return DataItem.of(Tensor.ofFloats(Shape.of(2), index, index), "a" + index);
            }

            @Override
            public String description() {
                return "pairs";
            }
        };
    }

    private static ScriptedEngine loaded(boolean batches, boolean reduces) {
        ScriptedEngine e = new ScriptedEngine(batches, reduces);
        e.setModel(MODEL);
        return e;
    }

    private static PredictRequest evaluation(Sampler sampler) {
        return PredictRequest.evaluation(sampler, ProgressListener.NONE);
    }

    @Test
    void samplesAreVisitedInSamplerOrderAndBatches() {
        ScriptedEngine engine = loaded(true, false);
        InferenceLoop.of(engine, pairs(5)).run(evaluation(Sampler.of(new int[] {4, 1, 3, 0, 2}, 2)));
        assertEquals(3, engine.inputs.size());
        assertEquals(List.of(Shape.of(2, 2), Shape.of(2, 2), Shape.of(1, 2)),
                engine.inputs.stream().map(Tensor::shape).toList());
        assertArrayEquals(new float[] {4, 4, 1, 1}, engine.inputs.get(0).toFloatArray());
        assertArrayEquals(new float[] {3, 3, 0, 0}, engine.inputs.get(1).toFloatArray());
        assertArrayEquals(new float[] {2, 2}, engine.inputs.get(2).toFloatArray());
    }

    @Test
    void anEngineThatDoesNotBatchGetsOneUnbatchedSamplePerInference() {
        ScriptedEngine engine = loaded(false, false);
        InferenceLoop.of(engine, pairs(4)).run(evaluation(Sampler.sequential(4, 3)));
        assertEquals(4, engine.inputs.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(Shape.of(2), engine.inputs.get(i).shape(), "as the loader gives it, no batch axis");
            assertArrayEquals(new float[] {i, i}, engine.inputs.get(i).toFloatArray());
        }
    }

    @Test
    void loadingErrorsNameTheSample() {
        DataLoader broken = new DataLoader() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public DataItem get(int index) {
                if (index == 2) {
                    throw new IllegalStateException("unreadable file");
                }
                return index == 3 ? null : DataItem.of(Tensor.ofFloats(Shape.of(1), index));
            }

            @Override
            public String description() {
                return "broken";
            }
        };
        ScriptedEngine engine = loaded(true, false);
        // the failing sample is loaded ahead while the first batch runs; the error surfaces for its own batch
        DataException e = assertThrows(DataException.class,
                () -> InferenceLoop.of(engine, broken).run(evaluation(Sampler.sequential(3, 2))));
        assertEquals("sample 2 of 'broken' cannot be loaded: unreadable file", e.getMessage());
        assertEquals(1, engine.inputs.size(), "the batch before it ran");

        DataException none = assertThrows(DataException.class,
                () -> InferenceLoop.of(engine, broken).run(evaluation(Sampler.of(new int[] {3}, 1))));
        assertTrue(none.getMessage().contains("returned no sample for index 3"), none.getMessage());
        DataException outside = assertThrows(DataException.class,
                () -> InferenceLoop.of(engine, broken).run(evaluation(Sampler.of(new int[] {9}, 1))));
        assertTrue(outside.getMessage().contains("sample 9 is outside data loader 'broken' of 4 samples"),
                outside.getMessage());
    }

    @Test
    void samplesOfDifferentShapesCannotBeBatched() {
        DataLoader ragged = new DataLoader() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public DataItem get(int index) {
                return DataItem.of(Tensor.ofFloats(Shape.of(index + 1), new float[index + 1]));
            }

            @Override
            public String description() {
                return "ragged";
            }
        };
        DataException e = assertThrows(DataException.class,
                () -> InferenceLoop.of(loaded(true, false), ragged).run(evaluation(Sampler.sequential(2, 2))));
        assertTrue(e.getMessage().startsWith("samples [0, 1] of 'ragged' cannot be batched"), e.getMessage());
        // one at a time they run
        InferenceLoop.of(loaded(true, false), ragged).run(evaluation(Sampler.sequential(2, 1)));
    }

    @Test
    void engineErrorsNameTheEngineAndTheSamples() {
        ScriptedEngine engine = loaded(true, false);
        engine.failOn = 3f;
        EngineException e = assertThrows(EngineException.class,
                () -> InferenceLoop.of(engine, pairs(4)).run(evaluation(Sampler.sequential(4, 2))));
        assertEquals("engine 'scripted', samples [2, 3] of 'pairs': the scripted runtime fails on 3.0", e.getMessage());

        EngineException unloaded = assertThrows(EngineException.class, () -> InferenceLoop.of(
                new ScriptedEngine(true, false), pairs(1)).run(evaluation(Sampler.sequential(1, 1))));
        assertTrue(unloaded.getMessage().contains("has no model loaded"), unloaded.getMessage());
    }

    @Test
    void theMetricGetsEachBatchsOutputsAndAnnotations() {
        RecordingMetric metric = new RecordingMetric();
        metric.annotations.add("stale");
        InferenceLoop loop = InferenceLoop.of(loaded(true, false), pairs(3)).withMetric(metric);
        PredictResult r = loop.run(evaluation(Sampler.sequential(3, 2)));
        assertEquals(List.of(List.of("a0", "a1"), List.of("a2")), metric.updates,
                "reset first, then one update per batch");
        assertEquals(List.of(Shape.of(2, 2), Shape.of(1, 2)), metric.outputShapes);
        assertEquals(Map.of("samples", 3.0), r.metrics());
        assertTrue(r.statistics().asMap().isEmpty());

        metric.updates.clear();
        PredictResult statistics = loop.run(PredictRequest.statistics(Sampler.sequential(3, 2),
                StatisticsRequest.builder().add(ACT, minMax(Reducer.MAX)).build(), ProgressListener.NONE));
        assertTrue(metric.updates.isEmpty(), "a statistics pass leaves the metric alone");
        assertTrue(statistics.metrics().isEmpty());
    }

    @Test
    void progressReachesTheSampleCount() {
        RecordingProgress progress = new RecordingProgress();
        InferenceLoop.of(loaded(true, false), pairs(5))
                .run(PredictRequest.evaluation(Sampler.sequential(5, 2), progress));
        assertEquals(List.of("started inference of m/5", "2", "4", "5", "finished"), progress.events);

        RecordingProgress stats = new RecordingProgress();
        InferenceLoop.of(loaded(false, false), pairs(2)).run(PredictRequest.statistics(Sampler.sequential(2, 2),
                StatisticsRequest.builder().add(ACT, minMax(Reducer.MIN)).build(), stats));
        assertEquals(List.of("started statistics of m/2", "1", "2", "finished"), stats.events);
    }

    @Test
    void reductionsAreAskedForOnlyWhenEveryStatisticAtThePortHasOneAndInplaceIsOn() {
        PortRef mixed = PortRef.of("mixed");
        StatisticsRequest request = StatisticsRequest.builder()
                .add(ACT, minMax(Reducer.MIN))
                .add(ACT, ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_CHANNEL, Aggregator.MEAN))
                .add(mixed, minMax(Reducer.MAX))
                .add(mixed, new WholeOnly())
                .build();
        PredictRequest pass = PredictRequest.statistics(Sampler.sequential(2, 2), request, ProgressListener.NONE);

        ScriptedEngine inplace = loaded(true, true);
        InferenceLoop.of(inplace, pairs(2)).run(pass);
        assertEquals(Map.of(ACT, Set.of(Reduction.perTensor(Reduction.Kind.MIN),
                        Reduction.perChannel(Reduction.Kind.ABS_MAX, 1)), mixed, Set.of()),
                inplace.observedPorts.get(0), "a statistic without a reduction needs the whole value");

        ScriptedEngine whole = loaded(true, true);
        InferenceLoop.of(whole, pairs(2)).withInplaceStatistics(false).run(pass);
        assertEquals(Map.of(ACT, Set.of(), mixed, Set.of()), whole.observedPorts.get(0));
        assertEquals(0, whole.reducedCalls);
    }

    /** A statistic that starts with no reduction: it counts the elements it is shown. */
    private static final class WholeOnly implements Statistic {
        @Override
        public String name() {
            return "elements";
        }

        @Override
        public Accumulator newAccumulator() {
            return new Accumulator() {
                private long elements;

                @Override
                public void accept(Tensor batch) {
                    elements += batch.shape().elementCount();
                }

                @Override
                public Tensor result() {
                    return Tensor.scalar(elements);
                }
            };
        }
    }

    @Test
    void portsNoInferenceShowedAreLeftOutOfTheResults() {
        StatisticsRequest request = StatisticsRequest.builder().add(ACT, minMax(Reducer.MAX)).build();
        ScriptedEngine engine = loaded(true, false);
        PredictResult r = InferenceLoop.of(engine, pairs(0)).run(PredictRequest.statistics(Sampler.sequential(0, 1),
                request, ProgressListener.NONE));
        assertTrue(r.statistics().get(ACT, "max_pertensor_max").isEmpty());
        assertEquals(0, engine.inputs.size());
    }

    /** The values of the reduced-statistics test: {@code [C=3, 4, 5]} per sample, with negative values. */
    private static DataLoader activations(int count) {
        Random random = new Random(42);
        List<Tensor> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] v = new float[3 * 4 * 5];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) (random.nextGaussian() * (1 + k % 3) + i * 0.25);
            }
            samples.add(Tensor.ofFloats(Shape.of(3, 4, 5), v));
        }
        return new DataLoader() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public DataItem get(int index) {
                return DataItem.of(samples.get(index));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Aggregator.class)
    void reducedAndWholeValuesGiveTheSameStatistics(Aggregator aggregator) {
        StatisticsRequest.Builder b = StatisticsRequest.builder();
        List<ActivationStatistic> statistics = new ArrayList<>();
        for (Reducer reducer : List.of(Reducer.MIN, Reducer.MAX, Reducer.ABS_MAX, Reducer.MEAN)) {
            for (Granularity g : Granularity.values()) {
                ActivationStatistic s = ActivationStatistic.of(reducer, g, aggregator);
                statistics.add(s);
                b.add(ACT, s);
            }
        }
        // equal batches, as batch_mean needs
        PredictRequest pass = PredictRequest.statistics(Sampler.sequential(6, 2), b.build(), ProgressListener.NONE);
        ScriptedEngine reducing = loaded(true, true);
        PredictResult reduced = InferenceLoop.of(reducing, activations(6)).run(pass);
        ScriptedEngine whole = loaded(true, false);
        PredictResult wholeValues = InferenceLoop.of(whole, activations(6)).run(pass);
        assertEquals(3 * statistics.size(), reducing.reducedCalls, "one call per reduction and inference");
        assertEquals(0, reducing.wholeCalls);
        assertEquals(3, whole.wholeCalls);

        for (ActivationStatistic s : statistics) {
            Tensor r = reduced.statistics().require(ACT, s.name());
            Tensor w = wholeValues.statistics().require(ACT, s.name());
            assertEquals(w.shape(), r.shape(), s.name());
            double[] rv = r.toDoubleArray();
            double[] wv = w.toDoubleArray();
            for (int i = 0; i < wv.length; i++) {
                assertEquals(wv[i], rv[i], 1e-5 * Math.max(1, Math.abs(wv[i])), s.name() + "[" + i + "]");
            }
        }
    }

    private static Statistic minMax(Reducer reducer) {
        return ActivationStatistic.of(reducer, Granularity.PER_TENSOR, reducer == Reducer.MIN ? Aggregator.MIN
                : Aggregator.MAX);
    }

    /** Records every update: annotations and output shapes; its value is the number of annotations. */
    static final class RecordingMetric implements Metric {
        final List<Object> annotations = new ArrayList<>();
        final List<List<Object>> updates = new ArrayList<>();
        final List<Shape> outputShapes = new ArrayList<>();

        @Override
        public Map<String, List<Double>> value() {
            return Map.of();
        }

        @Override
        public Map<String, Double> averageValue() {
            return Map.of("samples", (double) annotations.size());
        }

        @Override
        public void update(Map<String, Tensor> outputs, List<Object> batchAnnotations) {
            updates.add(List.copyOf(batchAnnotations));
            annotations.addAll(batchAnnotations);
            outputShapes.add(outputs.get("y").shape());
        }

        @Override
        public void reset() {
            annotations.clear();
        }

        @Override
        public Map<String, MetricAttributes> attributes() {
            return Map.of("samples", MetricAttributes.higherBetter("count"));
        }
    }

    /** Records every event as text. */
    static final class RecordingProgress implements ProgressListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void started(String task, long total) {
            events.add("started " + task + "/" + total);
        }

        @Override
        public void progressed(long done) {
            events.add(Long.toString(done));
        }

        @Override
        public void finished() {
            events.add("finished");
        }
    }
}
