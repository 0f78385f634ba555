package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.PredictResult;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.testkit.RecordingProgressListener;

/**
 * Statistics of a predict pass reach every stage after every inference, per row, with both delegates, and core's
 * POT statistics (the ones DefaultQuantization requests) work on them unchanged.
 */
class MtcnnStatisticsTest {
    @TempDir
    Path dir;

    /** At each stage: the first PReLU (inside) and the producer of the first output (a port the stage also returns). */
    private static StatisticsRequest request(CascadeModel model) {
        Map<String, StatisticsRequest> byStage = new LinkedHashMap<>();
        for (Model stage : model.subModels()) {
            Node prelu = stage.graph().nodes().stream().filter(n -> n.kind().equals(OpKinds.PRELU)).findFirst().orElseThrow();
            PortRef output = stage.graph().results().get(0).input(0).orElseThrow();
            byStage.put(stage.name(), StatisticsRequest.builder()
                    .add(PortRef.of(prelu.name()), new RowCounter())
                    .add(PortRef.of(prelu.name()), ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR,
                            Aggregator.MEAN).withName("min_min"))
                    .add(PortRef.of(prelu.name()), ActivationStatistic.of(Reducer.MAX, Granularity.PER_CHANNEL,
                            Aggregator.MAX).withName("max_max"))
                    .add(output, new RowCounter())
                    .build());
        }
        return CascadePorts.combine(byStage);
    }

    private CollectedStatistics collect(String delegate, DataLoader images, CascadeModel model) {
        try (MtcnnEngine e = MtcnnFixtures.engine(images, delegate, Map.of(), null)) {
            e.setModel(model);
            RecordingProgressListener progress = new RecordingProgressListener();
            PredictResult r = e.predict(PredictRequest.statistics(Sampler.sequential(images.size(), 1), request(model),
                    progress));
            return r.statistics();
        }
    }

    @Test
    void everyStageInferenceFeedsItsStageStatisticsRowByRow() {
        DataLoader images = MtcnnFixtures.images(dir, "images/faces/portraits/multiface.jpg",
                "images/faces/portraits/no-faces.jpg");
        CascadeModel model = MtcnnFixtures.facenetCascade();
        CollectedStatistics ort = collect("onnxruntime", images, model);

        MtcnnEngine probe = MtcnnFixtures.engine(images, "onnxruntime", Map.of(), null);
        int levels = probe.scales(630, 1200).size() + probe.scales(148, 199).size();
        long[] rows = new long[3];
        for (int s = 0; s < 3; s++) {
            Model stage = model.subModels().get(s);
            CollectedStatistics local = CascadePorts.forStage(ort, stage.name());
            assertEquals(2, local.asMap().size(), "two ports of stage " + stage.name());
            Node prelu = stage.graph().nodes().stream().filter(n -> n.kind().equals(OpKinds.PRELU)).findFirst().orElseThrow();
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
        assertTrue(rows[1] > rows[2] && rows[2] >= 6, "R-Net sees more candidates than O-Net: " + java.util.Arrays.toString(rows));

        CollectedStatistics reference = collect("reference", images, model);
        for (PortRef port : ort.asMap().keySet()) {
            float[] a = ort.require(port, RowCounter.NAME).toFloatArray();
            float[] b = reference.require(port, RowCounter.NAME).toFloatArray();
            assertEquals(a[1], b[1], "rows at " + port + " with both delegates");
            assertEquals(a[2], b[2], 1e-3 * Math.max(1, Math.abs(a[2])), "max at " + port);
        }
    }
}
