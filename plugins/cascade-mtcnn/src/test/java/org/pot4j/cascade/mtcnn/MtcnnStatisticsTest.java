package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.cascade.StageStatistics;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.testkit.RecordingProgressListener;

/**
 * Statistics of a pass reach every stage after every inference, per row, with both delegates, and core's POT
 * statistics (the ones DefaultQuantization requests) work on them unchanged, whole or reduced in the delegate.
 */
class MtcnnStatisticsTest {
    private static final List<String> STATISTICS = List.of("min_min", "max_max");

    @TempDir
    Path dir;

    private static List<Node> prelus(Model stage) {
        return stage.graph().nodes().stream().filter(n -> n.kind().equals(OpKinds.PRELU)).toList();
    }

    private static StatisticsRequest.Builder minMax(StatisticsRequest.Builder b, PortRef port) {
        return b.add(port, ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR, Aggregator.MEAN)
                        .withName("min_min"))
                .add(port, ActivationStatistic.of(Reducer.MAX, Granularity.PER_CHANNEL, Aggregator.MAX)
                        .withName("max_max"));
    }

    /**
     * At each stage: the first PReLU with a row counter (so taken whole), the producer of the first output (a port the
     * stage also returns) and the second PReLU with min and max only (so reducible in the delegate's runtime).
     */
    private static StatisticsRequest request(CascadeModel model) {
        Map<String, StatisticsRequest> byStage = new LinkedHashMap<>();
        for (Model stage : model.subModels()) {
            PortRef first = PortRef.of(prelus(stage).get(0).name());
            PortRef second = PortRef.of(prelus(stage).get(1).name());
            PortRef output = stage.graph().results().get(0).input(0).orElseThrow();
            StatisticsRequest.Builder b = StatisticsRequest.builder().add(first, new RowCounter());
            minMax(b, first).add(output, new RowCounter());
            byStage.put(stage.name(), minMax(b, second).build());
        }
        return StageStatistics.combine(byStage);
    }

    private static CollectedStatistics collect(String delegate, DataLoader images, CascadeModel model,
                                               boolean inplace) {
        try (CascadeEngine e = MtcnnFixtures.engine(delegate, Map.of())) {
            e.setModel(model);
            RecordingProgressListener progress = new RecordingProgressListener();
            CollectedStatistics statistics = InferenceLoop.of(e, images).withInplaceStatistics(inplace)
                    .run(PredictRequest.statistics(Sampler.sequential(images.size(), 1), request(model), progress))
                    .statistics();
            assertEquals(images.size(), progress.lastProgress(), "progress counts images, not stage inferences");
            return statistics;
        }
    }

    private DataLoader photos() {
        return MtcnnFixtures.images(dir, "images/faces/portraits/multiface.jpg", "images/faces/portraits/no-faces.jpg");
    }

    @Test
    void everyStageInferenceFeedsItsStageStatisticsRowByRow() {
        DataLoader images = photos();
        CascadeModel model = MtcnnFixtures.facenetCascade();
        CollectedStatistics ort = collect("onnxruntime", images, model, true);

        MtcnnCascade probe;
        try (CascadeEngine e = MtcnnFixtures.engine("onnxruntime", Map.of())) {
            probe = MtcnnFixtures.cascade(e);
        }
        int levels = probe.scales(630, 1200).size() + probe.scales(148, 199).size();
        long[] rows = new long[3];
        for (int s = 0; s < 3; s++) {
            Model stage = model.subModels().get(s);
            CollectedStatistics local = StageStatistics.forStage(ort, stage.name());
            assertEquals(3, local.asMap().size(), "three ports of stage " + stage.name());
            Node prelu = prelus(stage).get(0);
            float[] counted = local.require(PortRef.of(prelu.name()), RowCounter.NAME).toFloatArray();
            assertEquals(counted[0], counted[1], "one row per accept");
            rows[s] = (long) counted[1];
            Tensor min = local.require(PortRef.of(prelu.name()), "min_min");
            Tensor max = local.require(PortRef.of(prelu.name()), "max_max");
            assertEquals(0, min.shape().rank(), "per-tensor result is a scalar");
            assertEquals(prelu.outputs().get(0).shape().dim(1), max.shape().dim(0), "per-channel result has C values");
            assertTrue(min.getFloat(0) < 0 && max.getFloat(0) > 0, stage.name() + ": PReLU range");
        }
        assertEquals(levels, rows[0], "P-Net runs once per pyramid level of each image");
        assertTrue(rows[1] > rows[2] && rows[2] >= 6, "R-Net sees more candidates than O-Net: "
                + java.util.Arrays.toString(rows));

        // the reference delegate reduces min and max in its runtime where no row counter shares the port
        CollectedStatistics reference = collect("reference", images, model, true);
        assertEquals(ort.asMap().keySet(), reference.asMap().keySet());
        for (PortRef port : ort.asMap().keySet()) {
            for (String name : ort.asMap().get(port).keySet()) {
                if (name.equals(RowCounter.NAME)) {
                    float[] a = ort.require(port, name).toFloatArray();
                    float[] b = reference.require(port, name).toFloatArray();
                    assertEquals(a[1], b[1], "rows at " + port + " with both delegates");
                    assertEquals(a[2], b[2], 1e-3 * Math.max(1, Math.abs(a[2])), "max at " + port);
                } else {
                    assertClose(ort.require(port, name), reference.require(port, name), 1e-3, name + " at " + port);
                }
            }
        }
    }

    @Test
    void reductionsInTheDelegateGiveTheStatisticsOfWholeValues() {
        DataLoader images = photos();
        CascadeModel model = MtcnnFixtures.facenetCascade();
        for (String delegate : List.of("reference", "onnxruntime")) {
            CollectedStatistics inplace = collect(delegate, images, model, true);
            CollectedStatistics whole = collect(delegate, images, model, false);
            for (PortRef port : whole.asMap().keySet()) {
                for (String name : STATISTICS) {
                    if (whole.get(port, name).isPresent()) {
                        assertClose(whole.require(port, name), inplace.require(port, name), 1e-5,
                                delegate + ": " + name + " at " + port);
                    }
                }
            }
        }
    }

    private static void assertClose(Tensor expected, Tensor actual, double relative, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], relative * Math.max(1, Math.abs(e[i])), what + "[" + i + "]");
        }
    }
}
