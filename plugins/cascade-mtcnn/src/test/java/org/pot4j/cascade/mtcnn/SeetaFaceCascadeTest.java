package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.engine.cascade.Cascade;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.engine.cascade.StageRunner;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.progress.ProgressListener;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.cascade.CascadeEngine;
import org.pot4j.core.cascade.CascadeModel;
import org.pot4j.core.cascade.StageStatistics;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.inference.PredictResult;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestAssets;

/**
 * A user-defined cascade through the SPI: SeetaFace2's P/R/O-Net (fixed shapes P 1x3x51x68, R 10x3x24x24,
 * O 5x3x48x48, raw 0..255 BGR) driven by a small {@link Cascade} written here, which knows nothing of statistics,
 * chunks or padding, run by core's {@link CascadeEngine}. Its logic is deliberately simple (top cells, top crops),
 * not SeetaFace's real decoding.
 */
class SeetaFaceCascadeTest {
    static final int P_CANDIDATES = 12;
    static final int O_CANDIDATES = 7;

    /** The whole custom part: cascade logic only. */
    static final class SeetaCascade implements Cascade {
        @Override
        public Map<String, Tensor> run(Map<String, Tensor> inputs, StageRunner stages) {
            Tensor image = inputs.get(DataItem.UNNAMED);
            int h = (int) image.shape().dim(1);
            int w = (int) image.shape().dim(2);
            float[] px = image.toFloatArray();
            // P-Net sees the whole image at its fixed 68x51
            Tensor level = crops(px, h, w, List.of(new float[] {0, 0, w, h}), 51, 68);
            Tensor pmap = stages.run(0, level).get("output1");
            int mh = (int) pmap.shape().dim(2);
            int mw = (int) pmap.shape().dim(3);
            float[] face = pmap.toFloatArray();
            List<float[]> windows = new ArrayList<>();
            for (int y = 0; y < mh; y++) {
                for (int x = 0; x < mw; x++) {
                    float cx = (x + 0.5f) * w / mw;
                    float cy = (y + 0.5f) * h / mh;
                    float side = 0.3f * Math.min(w, h);
                    windows.add(new float[] {cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2,
                            face[mh * mw + y * mw + x]});
                }
            }
            windows.sort(Comparator.comparingDouble((float[] b) -> -b[4]));
            List<float[]> top = windows.subList(0, P_CANDIDATES);
            // R-Net: 12 crops through a model of fixed batch 10
            Tensor rprob = stages.run(1, crops(px, h, w, top, 24, 24)).get("output1");
            float[] rp = rprob.toFloatArray();
            List<float[]> second = new ArrayList<>();
            for (int i = 0; i < top.size(); i++) {
                float[] b = top.get(i).clone();
                b[4] = rp[2 * i + 1];
                second.add(b);
            }
            second.sort(Comparator.comparingDouble((float[] b) -> -b[4]));
            // O-Net: 7 crops through a model of fixed batch 5
            Tensor oprob = stages.run(2, crops(px, h, w, second.subList(0, O_CANDIDATES), 48, 48)).get("output1");
            return Map.of("scores", oprob);
        }

        /** Nearest-neighbour crops of {@code boxes} (clipped), raw values, as [N,3,outH,outW]. */
        private static Tensor crops(float[] px, int h, int w, List<float[]> boxes, int outH, int outW) {
            float[] out = new float[boxes.size() * 3 * outH * outW];
            int o = 0;
            for (float[] b : boxes) {
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < outH; i++) {
                        int y = Math.min(h - 1, Math.max(0, (int) (b[1] + (b[3] - b[1]) * (i + 0.5f) / outH)));
                        for (int j = 0; j < outW; j++) {
                            int x = Math.min(w - 1, Math.max(0, (int) (b[0] + (b[2] - b[0]) * (j + 0.5f) / outW)));
                            out[o++] = px[c * h * w + y * w + x];
                        }
                    }
                }
            }
            return Tensor.ofFloats(Shape.of(boxes.size(), 3, outH, outW), out);
        }
    }

    @Test
    void aUserDefinedCascadeCollectsStatisticsPerSubModel(@TempDir Path dir) throws Exception {
        List<Model> stages = new ArrayList<>();
        for (String s : new String[] {"pnet", "rnet", "onet"}) {
            Path file = TestAssets.require("onnx/seetaface2/" + s + ".onnx");
            stages.add(new OnnxModelFormat().read(new ModelSource(file, Optional.empty(), s)));
        }
        CascadeModel seeta = new CascadeModel("seetaface2", stages);
        Path list = Files.write(dir.resolve("faces.txt"), List.of(
                TestAssets.require("images/faces/portraits/paul_rudd.jpg").toString(),
                TestAssets.require("images/faces/portraits/multiface.jpg").toString()));
        // raw 0..255 BGR, the loader's default colour order
        DataLoader images = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", list.toString(),
                "layout", "CHW")));

        Map<String, StatisticsRequest> byStage = new LinkedHashMap<>();
        Map<String, PortRef> relu = new LinkedHashMap<>();
        for (Model stage : stages) {
            Node first = stage.graph().nodes().stream().filter(n -> n.kind().equals(OpKinds.RELU)).findFirst().orElseThrow();
            relu.put(stage.name(), PortRef.of(first.name()));
            byStage.put(stage.name(), StatisticsRequest.builder()
                    .add(PortRef.of(first.name()), new RowCounter())
                    .add(PortRef.of(first.name()), ActivationStatistic.of(Reducer.ABS_MAX, Granularity.PER_TENSOR,
                            Aggregator.MEAN).withName("max_abs_max"))
                    .build());
        }
        for (String delegate : List.of("onnxruntime", "reference")) {
            try (CascadeEngine engine = new CascadeEngine("seeta-test", EngineSettings.cpu(), MtcnnFixtures.CONTEXT,
                    delegate, Map.of(), new SeetaCascade())) {
                engine.setModel(seeta);
                PredictResult r = InferenceLoop.of(engine, images).run(PredictRequest.statistics(
                        Sampler.sequential(2, 1), StageStatistics.combine(byStage), ProgressListener.NONE));
                long[] expectedRows = {2, 2 * P_CANDIDATES, 2 * O_CANDIDATES};
                for (int s = 0; s < 3; s++) {
                    String stage = stages.get(s).name();
                    PortRef port = CascadePorts.qualify(stage, relu.get(stage));
                    float[] rows = r.statistics().require(port, RowCounter.NAME).toFloatArray();
                    assertArrayEquals(new float[] {expectedRows[s], expectedRows[s]}, new float[] {rows[0], rows[1]},
                            delegate + ": " + stage + " statistics see each real row once and no padding row");
                    assertTrue(r.statistics().require(port, "max_abs_max").getFloat(0) > 0, delegate + " " + stage);
                }
                Tensor scores = engine.infer(images.get(1).inputs()).get("scores");
                assertEquals(Shape.of(O_CANDIDATES, 2), scores.shape(), "padding rows are not returned");
                for (int i = 0; i < O_CANDIDATES; i++) {
                    assertEquals(1.0, scores.getFloat(2 * i) + scores.getFloat(2 * i + 1), 1e-4, "softmax row " + i);
                }
            }
        }
    }
}
