package org.pot4j.core.cascade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.engine.cascade.Cascade;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.engine.cascade.StageRunner;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.inference.PredictResult;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;

class CascadeEngineTest {
    /** Stage 0 on every row of the sample; stage 1 on all rows of stage 0's output but the last (a "cut"). */
    static final class CutCascade implements Cascade {
        @Override
        public Map<String, Tensor> run(Map<String, Tensor> inputs, StageRunner stages) {
            Tensor x = inputs.get(DataItem.UNNAMED);
            Tensor first = stages.run(0, x).get("y");
            Tensor second = stages.run(1, first.slice(0, (int) first.shape().dim(0) - 1)).get("y");
            return Map.of("final", second);
        }

        @Override
        public void checkStages(List<Model> stages) {
            if (stages.size() != 2) {
                throw new EngineException("cascade 'cut' needs 2 stages, got " + stages.size());
            }
        }
    }

    /** Counts accepted tensors and rows, and keeps the largest element. */
    static final class Counting implements Statistic {
        @Override
        public String name() {
            return "count";
        }

        @Override
        public Accumulator newAccumulator() {
            return new Accumulator() {
                int calls;
                long rows;
                float max = Float.NEGATIVE_INFINITY;

                @Override
                public void accept(Tensor batch) {
                    calls++;
                    rows += batch.shape().dim(0);
                    for (float v : batch.toFloatArray()) {
                        max = Math.max(max, v);
                    }
                }

                @Override
                public Tensor result() {
                    return Tensor.ofFloats(Shape.of(3), calls, rows, max);
                }
            };
        }
    }

    private static CascadeEngine engine(Cascade cascade, List<DoublingEngine> created) {
        return new CascadeEngine("cut", EngineSettings.cpu(), TestModels.context(DoublingEngine.factory(created)),
                DoublingEngine.NAME, Map.of(), cascade);
    }

    private static CascadeEngine cut(List<DoublingEngine> created, long stageBBatch) {
        CascadeEngine e = engine(new CutCascade(), created);
        e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1), TestModels.doubler("b", stageBBatch)));
        return e;
    }

    /** Samples of {@code rows} rows [r, r] for r = 1..rows. */
    static DataLoader loader(int... rowsPerSample) {
        return new DataLoader() {
            @Override
            public int size() {
                return rowsPerSample.length;
            }

            @Override
            public DataItem get(int index) {
                int rows = rowsPerSample[index];
                float[] v = new float[rows * 2];
                for (int r = 0; r < rows; r++) {
                    v[2 * r] = r + 1;
                    v[2 * r + 1] = r + 1;
                }
                return DataItem.of(Tensor.ofFloats(Shape.of(rows, 2), v), "sample-" + index);
            }
        };
    }

    private static PredictResult statistics(CascadeEngine e, DataLoader loader, StatisticsRequest request,
                                            boolean inplace) {
        return InferenceLoop.of(e, loader).withInplaceStatistics(inplace).run(PredictRequest.statistics(
                Sampler.sequential(loader.size(), 1), request, ProgressListener.NONE));
    }

    private static float[] stat(PredictResult r, String stage, String node, String name) {
        return r.statistics().require(CascadePorts.qualify(stage, PortRef.of(node)), name).toFloatArray();
    }

    @Test
    void statisticsArePerStageAndPerRow() {
        List<DoublingEngine> created = new ArrayList<>();
        DataLoader loader = loader(3, 4);
        try (CascadeEngine e = cut(created, -1)) {
            StatisticsRequest request = StageStatistics.combine(Map.of(
                    "a", StatisticsRequest.builder().add(PortRef.of("x"), new Counting()).build(),
                    "b", StatisticsRequest.builder().add(PortRef.of("double"), new Counting()).build()));
            PredictResult r = statistics(e, loader, request, true);
            // stage a saw 3 + 4 rows, one row per accept; max input 4
            assertArrayEquals(new float[] {7, 7, 4}, stat(r, "a", "x", "count"));
            // stage b saw 2 + 3 rows of doubled values, doubled again: max 3 * 2 * 2
            assertArrayEquals(new float[] {5, 5, 12}, stat(r, "b", "double", "count"));
            assertEquals(2, created.size(), "one delegate per stage");
            assertEquals(2, created.get(0).inferCalls, "one inference of stage a per sample");
            assertEquals(Map.of(PortRef.of("x"), Set.of()), created.get(0).observedPorts.get(0),
                    "the delegate of stage a is asked for its own port only");
        }
    }

    @Test
    void inferRunsTheCascadeOnOneSampleWithoutObservingAnything() {
        List<DoublingEngine> created = new ArrayList<>();
        try (CascadeEngine e = cut(created, -1)) {
            assertFalse(e.batchesSamples(), "whole samples, one at a time");
            Map<String, Tensor> out = e.infer(loader(3).get(0).inputs());
            assertArrayEquals(new float[] {4, 4, 8, 8}, out.get("final").toFloatArray());
            assertEquals(1, created.get(0).inferCalls);
            assertEquals(Map.of(), created.get(1).observedPorts.get(0));
        }
        assertTrue(created.stream().allMatch(d -> d.closed), "closing the cascade engine closes its delegates");
    }

    @Test
    void fixedBatchStagesRunInPaddedChunksAndPaddingIsNeverSeen() {
        List<DoublingEngine> created = new ArrayList<>();
        // stage b has a fixed batch of 4: 6 rows run as 4 + (2 real + 2 zero padding)
        try (CascadeEngine e = cut(created, 4)) {
            Statistic min = ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR, Aggregator.MIN);
            StatisticsRequest counted = StageStatistics.qualify("b",
                    StatisticsRequest.builder().add(PortRef.of("x"), new Counting()).build());
            StatisticsRequest minimum = StageStatistics.qualify("b",
                    StatisticsRequest.builder().add(PortRef.of("x"), min).build());

            PredictResult r = statistics(e, loader(7), counted, true);
            assertArrayEquals(new float[] {6, 6, 12}, stat(r, "b", "x", "count"));
            DoublingEngine b = created.get(1);
            assertEquals(List.of(Shape.of(4, 2), Shape.of(4, 2)), b.batchShapes);

            // the zero rows would make the minimum 0, whether the delegate reduces them or hands them over whole
            for (boolean inplace : new boolean[] {true, false}) {
                PredictResult m = statistics(e, loader(7), minimum, inplace);
                assertEquals(2.0, m.statistics().require(PortRef.of("b/x"), min.name()).toDoubleArray()[0], 0,
                        "inplace " + inplace);
                Set<Reduction> asked = b.observedPorts.get(b.observedPorts.size() - 1).get(PortRef.of("x"));
                assertEquals(inplace ? Set.of(Reduction.perTensor(Reduction.Kind.MIN)) : Set.of(), asked);
            }

            Map<String, Tensor> out = e.infer(loader(7).get(0).inputs());
            assertEquals(Shape.of(6, 2), out.get("final").shape(), "padding rows are dropped from the outputs");
            assertEquals(24f, out.get("final").getFloat(11));
        }
    }

    @Test
    void metricSeesCascadeOutputsOncePerSample() {
        List<Object> annotations = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        Metric metric = new Metric() {
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
                annotations.addAll(batchAnnotations);
                shapes.add(outputs.get("final").shape());
            }

            @Override
            public void reset() {
                annotations.clear();
            }

            @Override
            public Map<String, MetricAttributes> attributes() {
                return Map.of("samples", MetricAttributes.higherBetter("count"));
            }
        };
        try (CascadeEngine e = cut(new ArrayList<>(), -1)) {
            // a batch size of 2 still gives the cascade one whole sample per inference
            PredictResult r = InferenceLoop.of(e, loader(2, 5, 3)).withMetric(metric)
                    .run(PredictRequest.evaluation(Sampler.sequential(3, 2), ProgressListener.NONE));
            assertEquals(3.0, r.metrics().get("samples"));
            assertEquals(List.of("sample-0", "sample-1", "sample-2"), annotations);
            assertEquals(List.of(Shape.of(1, 2), Shape.of(4, 2), Shape.of(2, 2)), shapes);
        }
    }

    @Test
    void badObservedPortsAreNamed() {
        try (CascadeEngine e = cut(new ArrayList<>(), -1)) {
            Map<String, Tensor> sample = loader(3).get(0).inputs();
            for (PortRef port : List.of(PortRef.of("x"), PortRef.of("z/x"), PortRef.of("a/nothing"),
                    new PortRef("a/x", 3))) {
                RecordingObserver observer = new RecordingObserver(Map.of(port, Set.of()));
                EngineException ex = assertThrows(EngineException.class, () -> e.infer(sample, observer));
                assertTrue(ex.getMessage().contains(port.toString()), ex.getMessage());
                assertTrue(observer.calls.isEmpty());
            }
        }
    }

    @Test
    void badCascadesAreRefusedWithTheReason() {
        try (CascadeEngine e = engine(new CutCascade(), new ArrayList<>())) {
            assertMessage(() -> e.infer(Map.of()), "no cascade is loaded");
            assertMessage(() -> e.setModel(TestModels.doubler("single", -1)), "is not a cascade");
            assertMessage(() -> e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1),
                    TestModels.doubler("a", -1))), "two stages named 'a'");
            assertMessage(() -> e.setModel(TestModels.cascade("c", TestModels.doubler("p/q", -1),
                    TestModels.doubler("b", -1))), "'p/q' contains '/'");
            assertMessage(() -> e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1))), "needs 2 stages");
            assertMessage(() -> e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1),
                    TestModels.cascade("b", TestModels.doubler("b", -1)))),
                    "stage 'b' of cascade 'c' cannot be loaded");
            assertTrue(e.model().isEmpty(), "nothing was loaded");
        }
        CascadeEngine missing = new CascadeEngine("m", EngineSettings.cpu(),
                TestModels.context(DoublingEngine.factory(new ArrayList<>())), "onnxruntime", Map.of(),
                (inputs, stages) -> Map.of());
        assertMessage(() -> missing.setModel(TestModels.cascade("c", TestModels.doubler("a", -1))),
                "delegate engine 'onnxruntime'");
        missing.close();
        assertMessage(() -> missing.setModel(TestModels.cascade("c", TestModels.doubler("a", -1))), "is closed");
    }

    @Test
    void delegatesGetTheDeviceAndTheirOwnOptions() {
        List<DoublingEngine> created = new ArrayList<>();
        try (CascadeEngine e = new CascadeEngine("cut", new EngineSettings("GPU", Map.of("cascade_only", 1)),
                TestModels.context(DoublingEngine.factory(created)), DoublingEngine.NAME, Map.of("threads", 2),
                new CutCascade())) {
            e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1), TestModels.doubler("b", -1)));
            e.setModel(TestModels.cascade("c2", TestModels.doubler("a", -1), TestModels.doubler("b", -1)));
            assertEquals(2, created.size(), "delegates are kept for the next cascade");
            assertEquals(new EngineSettings("GPU", Map.of("threads", 2)), created.get(0).settings);
            assertEquals("c2", e.model().orElseThrow().name());
        }
    }

    @Test
    void stageErrorsNameTheStageAndSample() {
        CascadeEngine empty = engine((inputs, stages) -> stages.run("a", Tensor.zeros(ElementType.F32, Shape.of(0, 2))),
                new ArrayList<>());
        empty.setModel(TestModels.cascade("c", TestModels.doubler("a", -1)));
        EngineException ex = assertThrows(EngineException.class, () -> InferenceLoop.of(empty, loader(2))
                .run(PredictRequest.evaluation(Sampler.sequential(1, 1), ProgressListener.NONE)));
        assertTrue(ex.getMessage().contains("sample 0") && ex.getMessage().contains("stage 'a'"), ex.getMessage());

        CascadeEngine unknown = engine((inputs, stages) -> stages.run("zz", inputs.get(DataItem.UNNAMED)),
                new ArrayList<>());
        unknown.setModel(TestModels.cascade("c", TestModels.doubler("a", -1)));
        assertMessage(() -> unknown.infer(loader(2).get(0).inputs()), "the cascade has no stage 'zz' (stages: [a])");

        List<DoublingEngine> created = new ArrayList<>();
        try (CascadeEngine failing = cut(created, 4)) {
            created.get(1).failing = true;
            EngineException f = assertThrows(EngineException.class, () -> InferenceLoop.of(failing, loader(2, 7))
                    .run(PredictRequest.evaluation(Sampler.sequential(2, 1), ProgressListener.NONE)));
            assertTrue(f.getMessage().contains("sample 0") && f.getMessage().contains("stage 'b' (rows 0..0)")
                    && f.getMessage().contains("the doubling runtime failed"), f.getMessage());
        }
    }

    private static void assertMessage(Runnable r, String part) {
        EngineException ex = assertThrows(EngineException.class, r::run);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
