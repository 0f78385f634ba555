package org.pot4j.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

class PipelineTest {
    private static final PortRef RELU = PortRef.of("relu");
    private static final Statistic MAX = ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.MAX)
            .withName("max_max");

    /** Sample i is a 1-element tensor holding i, annotated with i. */
    private static DataLoader samples(int count) {
        return new DataLoader() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public DataItem get(int index) {
                return DataItem.of(Tensor.ofFloats(Shape.of(1), index), index);
            }
        };
    }

    private static InferenceLoop loop(RecordingEngine engine, int samples) {
        return InferenceLoop.of(engine, samples(samples));
    }

    @Test
    void collectsEachAlgorithmsStatisticsThenRunsItOnThePreviousResult() {
        RecordingEngine engine = new RecordingEngine();
        RecordingProgress progress = new RecordingProgress();
        StatsAlgorithm first = new StatsAlgorithm("First", 10, 3);   // subset larger than the loader
        StatsAlgorithm second = new StatsAlgorithm("Second", 0, 1);  // no statistics at all
        second.request = StatisticsRequest.empty();
        TestModel model = new TestModel(0);

        Model result = Pipeline.create(List.of(first, second), loop(engine, 4), progress).run(model);

        assertEquals(2, ((TestModel) result).version, "each algorithm returned a new version");
        assertEquals(0, model.version, "the input model is untouched");
        assertEquals(List.of("statistics of m/4"), progress.started,
                "one pass: the second algorithm asked for nothing");
        assertEquals(List.of(List.of(0f, 1f, 2f), List.of(3f)), engine.batches,
                "min(subset 10, loader 4) samples in order, in batches of 3");
        assertEquals(Map.of(RELU, Set.of(Reduction.perTensor(Reduction.Kind.MAX))), engine.observedPorts.get(0),
                "the statistic's reduction is asked of the engine");
        assertSame(model, engine.loaded.get(0), "statistics were collected on the model given to the algorithm");
        // samples 0..3 hold values 0..3: max over the pass is 3
        assertEquals(3.0, first.received.require(RELU, "max_max").toDoubleArray()[0]);
        assertSame(model, first.input);
        assertEquals(1, ((TestModel) second.input).version);
        assertTrue(second.received.asMap().isEmpty());
    }

    @Test
    void subsetSizeIsCappedAndZeroMeansEverySample() {
        RecordingEngine engine = new RecordingEngine();
        Pipeline.create(List.of(new StatsAlgorithm("A", 2, 1), new StatsAlgorithm("B", 0, 5)), loop(engine, 5))
                .run(new TestModel(0));
        assertEquals(List.of(List.of(0f), List.of(1f), List.of(0f, 1f, 2f, 3f, 4f)), engine.batches);
        assertEquals(1, ((TestModel) engine.loaded.get(1)).version, "B's pass ran on A's result");
    }

    @Test
    void aSequenceRunsAsItsStepsEachWithItsOwnPass() {
        RecordingEngine engine = new RecordingEngine();
        StatsAlgorithm a = new StatsAlgorithm("A", 0, 3);
        StatsAlgorithm b = new StatsAlgorithm("B", 2, 2);
        Pipeline pipeline = Pipeline.create(List.of(new AlgorithmSequence("AB", List.of(a, b))), loop(engine, 3));
        assertEquals(List.of(a, b), pipeline.algorithms());
        Model result = pipeline.run(new TestModel(0));
        assertEquals(2, ((TestModel) result).version);
        assertEquals(List.of(List.of(0f, 1f, 2f), List.of(0f, 1f)), engine.batches, "one pass per step");
        assertEquals(1, ((TestModel) engine.loaded.get(1)).version, "B's statistics come from A's result");
    }

    @Test
    void aSequenceUsedDirectlyRunsLaterStepsOnlyWhenTheyNeedNoPass() {
        RecordingEngine engine = new RecordingEngine();
        StatsAlgorithm b = new StatsAlgorithm("B", 0, 1);
        b.request = StatisticsRequest.empty();
        AlgorithmSequence sequence = new AlgorithmSequence("AB", List.of(new StatsAlgorithm("A", 0, 1), b));
        Model once = sequence.run(new TestModel(0), engine, CollectedStatistics.empty());
        assertEquals(2, ((TestModel) once).version);
        assertTrue(engine.batches.isEmpty(), "the first step's statistics were given; B needs none");

        AlgorithmSequence needsPass = new AlgorithmSequence("AB", List.of(new StatsAlgorithm("A", 0, 1),
                new StatsAlgorithm("B", 2, 1)));
        AlgorithmException e = assertThrows(AlgorithmException.class,
                () -> needsPass.run(new TestModel(0), engine, CollectedStatistics.empty()));
        assertTrue(e.getMessage().contains("step 'B' needs a statistics pass of its own"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AlgorithmSequence("none", List.of()));
    }

    @Test
    void aShuffleSeedDrawsTheSubsetAsCpythonsRandomSample() {
        RecordingEngine engine = new RecordingEngine();
        StatsAlgorithm shuffled = new StatsAlgorithm("Shuffled", 4, 2);
        shuffled.shuffleSeed = java.util.OptionalLong.of(3);
        Pipeline.create(List.of(shuffled), loop(engine, 10)).run(new TestModel(0));
        // CPython: random.seed(3); random.sample(range(10), 4)
        assertEquals(List.of(List.of(3f, 8f), List.of(2f, 7f)), engine.batches);
    }

    @Test
    void evaluateRunsTheMetricOverEverySample() {
        RecordingEngine engine = new RecordingEngine();
        RecordingProgress progress = new RecordingProgress();
        CountingMetric metric = new CountingMetric();
        TestModel model = new TestModel(7);
        Map<String, Double> metrics = Pipeline.create(List.of(), loop(engine, 3).withMetric(metric), progress)
                .withEvaluationBatchSize(2).evaluate(model);
        assertEquals(Map.of("samples", 3.0), metrics);
        assertEquals(List.of(0, 1, 2), metric.annotations);
        assertEquals(List.of(List.of(0f, 1f), List.of(2f)), engine.batches);
        assertEquals(Map.of(), engine.observedPorts.get(0), "no statistics in an evaluation");
        assertEquals(List.of("inference of m/3"), progress.started, "the listener is passed through");
        assertSame(model, engine.loaded.get(0));
    }

    @Test
    void observeHandsOverTheValuesAtPortsBatchByBatchWithTheirSampleIndices() {
        RecordingEngine engine = new RecordingEngine();
        TestModel model = new TestModel(0);
        List<int[]> indices = new ArrayList<>();
        List<Float> relu = new ArrayList<>();
        Pipeline.create(List.of(), loop(engine, 5)).withEvaluationBatchSize(2).evaluator()
                .observe(model, new int[] {4, 1, 3}, Set.of(RELU), (samples, values) -> {
                    indices.add(samples);
                    assertEquals(Set.of(RELU), values.keySet());
                    for (float v : values.get(RELU).toFloatArray()) {
                        relu.add(v);
                    }
                });
        assertEquals(2, indices.size(), "two batches of at most 2");
        assertArrayEquals(new int[] {4, 1}, indices.get(0));
        assertArrayEquals(new int[] {3}, indices.get(1));
        assertEquals(List.of(4f, 1f, 3f), relu, "sample i's ReLU output is i");
        assertEquals(Map.of(RELU, Set.of()), engine.observedPorts.get(0), "whole values, no reduction");
        assertSame(model, engine.loaded.get(0));
    }

    @Test
    void observeFailsWhenTheEngineShowsNoValueAtAPort() {
        RecordingEngine engine = new RecordingEngine();
        engine.ignoreObserver = true;
        EngineException e = assertThrows(EngineException.class, () -> Pipeline.create(List.of(), loop(engine, 2))
                .evaluator().observe(new TestModel(0), new int[] {0, 1}, Set.of(RELU), (samples, values) -> { }));
        assertEquals("the engine showed no value at relu:0 for samples [0]", e.getMessage());
    }

    @Test
    void evaluateWithoutMetricFails() {
        EngineException e = assertThrows(EngineException.class,
                () -> Pipeline.create(List.of(), loop(new RecordingEngine(), 1)).evaluate(new TestModel(0)));
        assertEquals("no metric to evaluate model 'm' with", e.getMessage());
    }

    @Test
    void missingStatisticFromTheEngineIsAnError() {
        RecordingEngine engine = new RecordingEngine();
        engine.ignoreObserver = true;
        EngineException e = assertThrows(EngineException.class, () -> Pipeline.create(
                List.of(new StatsAlgorithm("MinMax", 1, 1)), loop(engine, 2)).run(new TestModel(0)));
        assertEquals("engine 'recording' did not return statistic 'max_max' at relu:0 requested by algorithm 'MinMax'",
                e.getMessage());
    }

    @Test
    void algorithmReturningNoModelIsAnError() {
        StatsAlgorithm a = new StatsAlgorithm("Broken", 1, 1);
        a.returnNull = true;
        AlgorithmException e = assertThrows(AlgorithmException.class,
                () -> Pipeline.create(List.of(a), loop(new RecordingEngine(), 1)).run(new TestModel(0)));
        assertEquals("algorithm 'Broken' returned no model", e.getMessage());
    }

    @Test
    void noAlgorithmsReturnsTheModel() {
        TestModel m = new TestModel(0);
        RecordingEngine engine = new RecordingEngine();
        Pipeline pipeline = Pipeline.create(List.of(), loop(engine, 1));
        assertSame(m, pipeline.run(m));
        assertSame(engine, pipeline.loop().engine());
        assertTrue(engine.loaded.isEmpty());
    }

    /** Parameter -> ReLU -> Result, built with the API's GraphBuilder. */
    static Graph buildGraph() {
        OutputPort out = new OutputPort(0, Shape.of(1, 1), ElementType.F32, List.of());
        return new GraphBuilder()
                .add("input", "Parameter", Attributes.EMPTY, List.of(), List.of(out))
                .add("relu", "ReLU", Attributes.EMPTY, List.of(PortRef.of("input")), List.of(out))
                .add("output", "Result", Attributes.EMPTY, List.of(RELU), List.of())
                .build();
    }

    /** A model whose copies count up a version. */
    static final class TestModel implements Model {
        final int version;
        private final Graph graph = buildGraph();

        TestModel(int version) {
            this.version = version;
        }

        @Override
        public String name() {
            return "m";
        }

        @Override
        public String format() {
            return "test";
        }

        @Override
        public Graph graph() {
            return graph;
        }

        @Override
        public Model copy() {
            return new TestModel(version);
        }
    }

    /** Asks for max of the ReLU output and returns the next version of the model. */
    static final class StatsAlgorithm implements Algorithm {
        private final String name;
        private final int subset;
        private final int batch;
        StatisticsRequest request = StatisticsRequest.builder().add(RELU, MAX).build();
        java.util.OptionalLong shuffleSeed = java.util.OptionalLong.empty();
        Model input;
        CollectedStatistics received;
        boolean returnNull;

        StatsAlgorithm(String name, int subset, int batch) {
            this.name = name;
            this.subset = subset;
            this.batch = batch;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public StatisticsPlan statistics(Model model) {
            // the plan is made for the model the algorithm will run on
            assertTrue(model.graph().node("relu").isPresent());
            return new StatisticsPlan(request, subset, batch, shuffleSeed);
        }

        @Override
        public Model run(Model model, Engine engine, CollectedStatistics statistics) {
            input = model;
            received = statistics;
            return returnNull ? null : new TestModel(((TestModel) model).version + 1);
        }
    }

    /** The ReLU output equals the input; records every model loaded and every inference's input values. */
    static final class RecordingEngine implements Engine {
        final List<Model> loaded = new ArrayList<>();
        final List<List<Float>> batches = new ArrayList<>();
        final List<Map<PortRef, Set<Reduction>>> observedPorts = new ArrayList<>();
        /** When set, the engine shows the observer nothing. */
        boolean ignoreObserver;
        private Model model;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void setModel(Model model) {
            this.model = model;
            loaded.add(model);
        }

        @Override
        public Optional<Model> model() {
            return Optional.ofNullable(model);
        }

        @Override
        public Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
            Tensor x = inputs.get(DataItem.UNNAMED);
            List<Float> values = new ArrayList<>();
            for (float v : x.toFloatArray()) {
                values.add(v);
            }
            batches.add(values);
            observedPorts.add(observer.ports());
            if (!ignoreObserver) {
                // always whole: an engine may hand over the whole value instead of a reduction
                observer.ports().keySet().forEach(port -> observer.whole(port, x));
            }
            return Map.of("output", x);
        }
    }

    /** Counts the annotations it was updated with. */
    static final class CountingMetric implements Metric {
        final List<Object> annotations = new ArrayList<>();

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
            assertEquals(outputs.get("output").shape().dim(0), batchAnnotations.size(), "one annotation per row");
            annotations.addAll(batchAnnotations);
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

    /** Records the tasks started. */
    static final class RecordingProgress implements ProgressListener {
        final List<String> started = new ArrayList<>();

        @Override
        public void started(String task, long total) {
            started.add(task + "/" + total);
        }
    }
}
