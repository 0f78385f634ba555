package org.pot4j.core.cascade;

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
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.Metric;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class CascadeEngineTest {
    /** Stage 0 on every row of the sample; stage 1 on all rows of stage 0's output but the last (a "cut"). */
    static final class CutCascade extends CascadeEngine {
        CutCascade(EngineSettings settings, List<DoublingEngine> created) {
            super("cut", settings, TestModels.context(DoublingEngine.factory(created)), DoublingEngine.NAME, Map.of());
        }

        @Override
        protected Map<String, Tensor> runCascade(DataItem item, StageRunner stages) {
            Tensor x = item.inputs().get(DataItem.UNNAMED);
            Tensor first = stages.run(0, x).get("y");
            Tensor second = stages.run(1, first.slice(0, (int) first.shape().dim(0) - 1)).get("y");
            return Map.of("final", second);
        }

        @Override
        protected void checkStages(List<Model> stages) {
            if (stages.size() != 2) {
                throw new EngineException("engine 'cut' needs 2 stages, got " + stages.size());
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

    private static float[] stat(PredictResult r, String stage, String node) {
        return r.statistics().require(CascadePorts.qualify(stage, PortRef.of(node)), "count").toFloatArray();
    }

    @Test
    void statisticsArePerStageAndPerRow() {
        List<DoublingEngine> created = new ArrayList<>();
        try (CutCascade e = new CutCascade(EngineSettings.of(loader(3, 4)), created)) {
            e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1), TestModels.doubler("b", -1)));
            StatisticsRequest request = CascadePorts.combine(Map.of(
                    "a", StatisticsRequest.builder().add(PortRef.of("x"), new Counting()).build(),
                    "b", StatisticsRequest.builder().add(PortRef.of("double"), new Counting()).build()));
            PredictResult r = e.predict(PredictRequest.statistics(Sampler.sequential(2, 1), request, ProgressListener.NONE));
            // stage a saw 3 + 4 rows, one row per accept; max input 4
            assertArrayEquals(new float[] {7, 7, 4}, stat(r, "a", "x"));
            // stage b saw 2 + 3 rows of doubled values, doubled again: max 3 * 2 * 2
            assertArrayEquals(new float[] {5, 5, 12}, stat(r, "b", "double"));
            assertEquals(2, created.size(), "one delegate per stage");
            assertEquals(2, created.get(0).predictCalls, "one inference of stage a per sample");
        }
    }

    @Test
    void withoutStatisticsStagesRunThroughInfer() {
        List<DoublingEngine> created = new ArrayList<>();
        try (CutCascade e = new CutCascade(EngineSettings.of(loader(3)), created)) {
            e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1), TestModels.doubler("b", -1)));
            Map<String, Tensor> out = e.infer(loader(3).get(0).inputs());
            assertArrayEquals(new float[] {4, 4, 8, 8}, out.get("final").toFloatArray());
            assertEquals(1, created.get(0).inferCalls);
            assertEquals(0, created.get(0).predictCalls);
        }
    }

    @Test
    void fixedBatchStagesRunInPaddedChunksAndPaddingIsNeverSeen() {
        List<DoublingEngine> created = new ArrayList<>();
        try (CutCascade e = new CutCascade(EngineSettings.of(loader(7)), created)) {
            // stage b has a fixed batch of 4: 6 rows run as 4 + (2 real + 2 padding)
            e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1), TestModels.doubler("b", 4)));
            StatisticsRequest request = CascadePorts.qualify("b",
                    StatisticsRequest.builder().add(PortRef.of("x"), new Counting()).build());
            PredictResult r = e.predict(PredictRequest.statistics(Sampler.sequential(1, 1), request, ProgressListener.NONE));
            assertArrayEquals(new float[] {6, 6, 12}, stat(r, "b", "x"));
            DoublingEngine b = created.get(1);
            assertEquals(List.of(Shape.of(4, 2), Shape.of(4, 2)), b.batchShapes);

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
        EngineSettings settings = new EngineSettings("CPU", Map.of(), loader(2, 5, 3), Optional.of(metric));
        try (CutCascade e = new CutCascade(settings, new ArrayList<>())) {
            e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1), TestModels.doubler("b", -1)));
            PredictResult r = e.predict(PredictRequest.evaluation(Sampler.sequential(3, 2), ProgressListener.NONE));
            assertEquals(3.0, r.metrics().get("samples"));
            assertEquals(List.of("sample-0", "sample-1", "sample-2"), annotations);
            assertEquals(List.of(Shape.of(1, 2), Shape.of(4, 2), Shape.of(2, 2)), shapes);
        }
    }

    @Test
    void badStatisticsPortsAreNamed() {
        try (CutCascade e = new CutCascade(EngineSettings.of(loader(3)), new ArrayList<>())) {
            e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1), TestModels.doubler("b", -1)));
            for (PortRef port : List.of(PortRef.of("x"), PortRef.of("z/x"), PortRef.of("a/nothing"), new PortRef("a/x", 3))) {
                StatisticsRequest request = StatisticsRequest.builder().add(port, new Counting()).build();
                EngineException ex = assertThrows(EngineException.class, () -> e.predict(
                        PredictRequest.statistics(Sampler.sequential(1, 1), request, ProgressListener.NONE)));
                assertTrue(ex.getMessage().contains(port.toString()), ex.getMessage());
            }
        }
    }

    @Test
    void badCascadesAreRefusedWithTheReason() {
        try (CutCascade e = new CutCascade(EngineSettings.of(loader(3)), new ArrayList<>())) {
            assertMessage(() -> e.setModel(TestModels.doubler("single", -1)), "is not a cascade");
            assertMessage(() -> e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1),
                    TestModels.doubler("a", -1))), "two stages named 'a'");
            assertMessage(() -> e.setModel(TestModels.cascade("c", TestModels.doubler("p/q", -1),
                    TestModels.doubler("b", -1))), "'p/q' contains '/'");
            assertMessage(() -> e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1))), "needs 2 stages");
            assertMessage(() -> e.infer(Map.of()), "no cascade is loaded");
        }
        CascadeEngine missing = new CascadeEngine("m", EngineSettings.of(loader(1)),
                TestModels.context(DoublingEngine.factory(new ArrayList<>())), "onnxruntime", Map.of()) {
            @Override
            protected Map<String, Tensor> runCascade(DataItem item, StageRunner stages) {
                return Map.of();
            }
        };
        assertMessage(() -> missing.setModel(TestModels.cascade("c", TestModels.doubler("a", -1))),
                "delegate engine 'onnxruntime'");
    }

    @Test
    void stageErrorsNameTheStageAndSample() {
        CascadeEngine e = new CascadeEngine("bad", EngineSettings.of(loader(2)),
                TestModels.context(DoublingEngine.factory(new ArrayList<>())), DoublingEngine.NAME, Map.of()) {
            @Override
            protected Map<String, Tensor> runCascade(DataItem item, StageRunner stages) {
                return stages.run("a", Tensor.zeros(org.pot4j.api.tensor.ElementType.F32, Shape.of(0, 2)));
            }
        };
        e.setModel(TestModels.cascade("c", TestModels.doubler("a", -1)));
        EngineException ex = assertThrows(EngineException.class,
                () -> e.predict(PredictRequest.evaluation(Sampler.sequential(1, 1), ProgressListener.NONE)));
        assertTrue(ex.getMessage().contains("sample 0") && ex.getMessage().contains("stage 'a'"), ex.getMessage());
    }

    private static void assertMessage(Runnable r, String part) {
        EngineException ex = assertThrows(EngineException.class, r::run);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}
