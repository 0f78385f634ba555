package org.pot4j.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
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
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

class PipelineTest {
    private static final PortRef RELU = PortRef.of("relu");
    private static final Statistic MAX = ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.MAX)
            .withName("max_max");

    @Test
    void collectsEachAlgorithmsStatisticsThenRunsItOnThePreviousResult() {
        RecordingEngine engine = new RecordingEngine(4, false);
        StatsAlgorithm first = new StatsAlgorithm("First", 10, 3);   // subset larger than the loader
        StatsAlgorithm second = new StatsAlgorithm("Second", 0, 1);  // no statistics at all
        second.request = StatisticsRequest.empty();
        TestModel model = new TestModel(0);

        Model result = Pipeline.create(List.of(first, second), engine).run(model);

        assertEquals(2, ((TestModel) result).version, "each algorithm returned a new version");
        assertEquals(0, model.version, "the input model is untouched");
        assertEquals(1, engine.requests.size(), "one pass: the second algorithm asked for nothing");
        PredictRequest pass = engine.requests.get(0);
        assertArrayEquals(new int[] {0, 1, 2, 3}, pass.sampler().indices(), "min(subset 10, loader 4) samples in order");
        assertEquals(3, pass.sampler().batchSize());
        assertEquals(false, pass.computeMetrics());
        assertSame(first.request, pass.statistics());
        assertSame(model, engine.loaded.get(0), "statistics were collected on the model given to the algorithm");
        // samples 0..3 hold values 0..3: max over the pass is 3
        assertEquals(3f, first.received.require(RELU, "max_max").getFloat(0));
        assertSame(model, first.input);
        assertEquals(1, ((TestModel) second.input).version);
        assertTrue(second.received.asMap().isEmpty());
    }

    @Test
    void subsetSizeIsCappedAndZeroMeansEverySample() {
        RecordingEngine engine = new RecordingEngine(5, false);
        Pipeline.create(List.of(new StatsAlgorithm("A", 2, 1), new StatsAlgorithm("B", 0, 2)), engine)
                .run(new TestModel(0));
        assertArrayEquals(new int[] {0, 1}, engine.requests.get(0).sampler().indices());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, engine.requests.get(1).sampler().indices());
        assertEquals(1, ((TestModel) engine.loaded.get(1)).version, "B's pass ran on A's result");
    }

    @Test
    void aSequenceRunsAsItsStepsEachWithItsOwnPass() {
        RecordingEngine engine = new RecordingEngine(3, false);
        StatsAlgorithm a = new StatsAlgorithm("A", 0, 1);
        StatsAlgorithm b = new StatsAlgorithm("B", 2, 1);
        Pipeline pipeline = Pipeline.create(List.of(new AlgorithmSequence("AB", List.of(a, b))), engine);
        assertEquals(List.of(a, b), pipeline.algorithms());
        Model result = pipeline.run(new TestModel(0));
        assertEquals(2, ((TestModel) result).version);
        assertEquals(2, engine.requests.size(), "one pass per step");
        assertEquals(1, ((TestModel) engine.loaded.get(1)).version, "B's statistics come from A's result");

        // used directly, the sequence runs its later steps through a pipeline of its own
        RecordingEngine direct = new RecordingEngine(3, false);
        AlgorithmSequence sequence = new AlgorithmSequence("AB", List.of(new StatsAlgorithm("A", 0, 1),
                new StatsAlgorithm("B", 2, 1)));
        Model once = sequence.run(new TestModel(0), direct, CollectedStatistics.empty());
        assertEquals(2, ((TestModel) once).version);
        assertEquals(1, direct.requests.size(), "the first step's statistics were given; B's were collected");
        assertThrows(IllegalArgumentException.class, () -> new AlgorithmSequence("none", List.of()));
    }

    @Test
    void aShuffleSeedDrawsTheSubsetAsCpythonsRandomSample() {
        RecordingEngine engine = new RecordingEngine(10, false);
        StatsAlgorithm shuffled = new StatsAlgorithm("Shuffled", 4, 2);
        shuffled.shuffleSeed = java.util.OptionalLong.of(3);
        Pipeline.create(List.of(shuffled), engine).run(new TestModel(0));
        // CPython: random.seed(3); random.sample(range(10), 4)
        assertArrayEquals(new int[] {3, 8, 2, 7}, engine.requests.get(0).sampler().indices());
        assertEquals(2, engine.requests.get(0).sampler().batchSize());
    }

    @Test
    void evaluateRunsTheMetricOverEverySample() {
        RecordingEngine engine = new RecordingEngine(3, true);
        ProgressListener progress = new ProgressListener() { };
        TestModel model = new TestModel(7);
        Map<String, Double> metrics = Pipeline.create(List.of(), engine, progress).withEvaluationBatchSize(2).evaluate(model);
        assertEquals(Map.of("accuracy", 0.75), metrics);
        PredictRequest pass = engine.requests.get(0);
        assertTrue(pass.computeMetrics());
        assertTrue(pass.statistics().isEmpty());
        assertArrayEquals(new int[] {0, 1, 2}, pass.sampler().indices());
        assertEquals(2, pass.sampler().batchSize());
        assertSame(progress, pass.progress(), "the listener is passed through");
        assertSame(model, engine.loaded.get(0));
    }

    @Test
    void progressListenerReachesStatisticsPasses() {
        RecordingEngine engine = new RecordingEngine(2, false);
        List<String> events = new ArrayList<>();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void started(String task, long total) {
                events.add(task + "/" + total);
            }
        };
        Pipeline.create(List.of(new StatsAlgorithm("A", 2, 1)), engine, progress).run(new TestModel(0));
        assertEquals(List.of("predict/2"), events);
    }

    @Test
    void evaluateWithoutMetricFails() {
        EngineException e = assertThrows(EngineException.class,
                () -> Pipeline.create(List.of(), new RecordingEngine(1, false)).evaluate(new TestModel(0)));
        assertEquals("engine 'recording' has no metric to evaluate the model with", e.getMessage());
    }

    @Test
    void missingStatisticFromTheEngineIsAnError() {
        RecordingEngine engine = new RecordingEngine(2, false);
        engine.dropStatistics = true;
        EngineException e = assertThrows(EngineException.class,
                () -> Pipeline.create(List.of(new StatsAlgorithm("MinMax", 1, 1)), engine).run(new TestModel(0)));
        assertEquals("engine 'recording' did not return statistic 'max_max' at relu:0 requested by algorithm 'MinMax'",
                e.getMessage());
    }

    @Test
    void algorithmReturningNoModelIsAnError() {
        StatsAlgorithm a = new StatsAlgorithm("Broken", 1, 1);
        a.returnNull = true;
        AlgorithmException e = assertThrows(AlgorithmException.class,
                () -> Pipeline.create(List.of(a), new RecordingEngine(1, false)).run(new TestModel(0)));
        assertEquals("algorithm 'Broken' returned no model", e.getMessage());
    }

    @Test
    void noAlgorithmsReturnsTheModel() {
        TestModel m = new TestModel(0);
        assertSame(m, Pipeline.create(List.of(), new RecordingEngine(1, false)).run(m));
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

    /** Sample i is a 1x1 tensor holding i; the ReLU output equals the input. Records every call. */
    static final class RecordingEngine implements Engine {
        final List<PredictRequest> requests = new ArrayList<>();
        final List<Model> loaded = new ArrayList<>();
        private final DataLoader loader;
        private final boolean withMetric;
        boolean dropStatistics;
        private Model model;

        RecordingEngine(int samples, boolean withMetric) {
            this.withMetric = withMetric;
            this.loader = new DataLoader() {
                @Override
                public int size() {
                    return samples;
                }

                @Override
                public DataItem get(int index) {
                    return DataItem.of(Tensor.ofFloats(Shape.of(1), index));
                }
            };
        }

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
        public Map<String, Tensor> infer(Map<String, Tensor> inputs) {
            return Map.of("output", inputs.values().iterator().next());
        }

        @Override
        public PredictResult predict(PredictRequest request) {
            requests.add(request);
            request.progress().started("predict", request.sampler().size());
            Map<PortRef, Map<String, Tensor>> values = new LinkedHashMap<>();
            for (PortRef port : request.statistics().ports()) {
                Map<String, Tensor> byName = new LinkedHashMap<>();
                for (Statistic s : request.statistics().at(port)) {
                    Statistic.Accumulator acc = s.newAccumulator();
                    for (int[] batch : request.sampler().batches()) {
                        List<Tensor> parts = new ArrayList<>();
                        for (int i : batch) {
                            parts.add(loader.get(i).inputs().get(DataItem.UNNAMED).reshape(Shape.of(1, 1)));
                        }
                        acc.accept(Tensor.concatBatch(parts));
                    }
                    byName.put(s.name(), acc.result());
                }
                if (!dropStatistics) {
                    values.put(port, byName);
                }
            }
            request.progress().finished();
            Map<String, Double> metrics = request.computeMetrics() ? Map.of("accuracy", 0.75) : Map.of();
            return new PredictResult(metrics, new CollectedStatistics(values));
        }

        @Override
        public DataLoader dataLoader() {
            return loader;
        }

        @Override
        public Optional<Metric> metric() {
            if (!withMetric) {
                return Optional.empty();
            }
            return Optional.of(new Metric() {
                @Override
                public Map<String, List<Double>> value() {
                    return Map.of();
                }

                @Override
                public Map<String, Double> averageValue() {
                    return Map.of("accuracy", 0.75);
                }

                @Override
                public void update(Map<String, Tensor> outputs, List<Object> annotations) {
                }

                @Override
                public void reset() {
                }

                @Override
                public Map<String, MetricAttributes> attributes() {
                    return Map.of("accuracy", MetricAttributes.higherBetter("accuracy"));
                }
            });
        }
    }
}
