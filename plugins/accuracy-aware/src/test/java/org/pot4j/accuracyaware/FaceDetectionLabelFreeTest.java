package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * The label-free report on a real SSD, face-detection-retail-0005 (shared assets; skipped when absent): scored on
 * the inputs of its DetectionOutput, the quantizer groups get distinct scores, so the ranking orders them. Kept small
 * by default: two portraits, and only {@value #DEFAULT_QUANTIZED} convolutions left quantized (the others go to the
 * base algorithm's ignored scope; the residual Adds stay quantized), so that 15 groups are ranked instead of 55;
 * {@code -Dpot4j.faceDetection.quantizedOps=0} ranks every group, {@code -Dpot4j.faceDetection.images=N} uses N
 * portraits.
 */
class FaceDetectionLabelFreeTest {
    private static final int DEFAULT_QUANTIZED = 4;
    private static final TestPluginContext CONTEXT = new TestPluginContext();

    @TempDir
    Path dir;

    @Test
    void theLabelFreeReportRanksTheLayersOfAnSsdWithDistinctScores() throws Exception {
        Path xml = TestAssets.require("ir/face-detection-retail-0005/FP32/face-detection-retail-0005.xml");
        Path portraits = TestAssets.require("images/faces/portraits");
        int images = Integer.getInteger("pot4j.faceDetection.images", 2);
        int quantized = Integer.getInteger("pot4j.faceDetection.quantizedOps", DEFAULT_QUANTIZED);
        Model fp32 = new IrModelFormat().read(ModelSource.of(xml));
        List<String> files = new ArrayList<>();
        for (String name : List.of("paul_rudd.jpg", "multiface.jpg", "kate_siegel.jpg", "ivan.jpg",
                "shea_whigham.jpg", "angelina_jolie.jpg", "no-faces.jpg").subList(0, Math.min(images, 7))) {
            files.add(portraits.resolve(name).toString());
        }
        Path list = dir.resolve("images.txt");
        Files.write(list, files);
        DataLoader data = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", list.toString(),
                "input_shape", List.of(1, 3, 300, 300))));

        Map<String, Object> params = new LinkedHashMap<>();
        params.put("maximal_drop", 1.0); // met at once: the run only ranks, for the report
        params.put("stat_subset_size", images);
        params.put("sensitivity_report", dir.resolve("sensitivity.json").toString());
        List<String> convolutions = fp32.graph().nodes().stream().map(Node::name).filter(n -> isConvolution(fp32, n))
                .toList();
        if (quantized > 0 && quantized < convolutions.size()) {
            // every (convolutions.size() / quantized)-th convolution stays quantized, from input to heads
            List<String> ignored = new ArrayList<>(convolutions);
            int step = convolutions.size() / quantized;
            for (int i = 0; i < quantized; i++) {
                ignored.remove(convolutions.get(i * step));
            }
            params.put("ignored", Map.of("scope", ignored));
        }
        AccuracyAwareQuantization aa = (AccuracyAwareQuantization) new AccuracyAwareFactory().create(
                AlgorithmSettings.of(params, "CPU"), CONTEXT);
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), CONTEXT)) {
            Pipeline.create(List.of(aa), InferenceLoop.of(engine, data)).run(fp32);
        }
        SensitivityReport r = aa.lastReport();
        System.out.println(r.table());

        assertEquals(Map.of(ReferenceScorer.NMSE, 0.0), r.baseline(), "the FP32 model matches itself");
        double quantizedNmse = r.quantized().get(ReferenceScorer.NMSE);
        assertTrue(quantizedNmse > 0 && quantizedNmse < 0.1, "the quantized model's NMSE on the DetectionOutput inputs"
                + " is small but not 0: " + quantizedNmse);
        int expected = quantized > 0 ? Math.min(quantized, convolutions.size()) : 1;
        assertTrue(r.entries().size() >= expected, "a group per quantized convolution at least: " + r.table());
        long distinct = r.entries().stream().mapToDouble(SensitivityReport.Entry::score).distinct().count();
        assertEquals(r.entries().size(), distinct, "every group has its own score:\n" + r.table());
        for (int i = 0; i < r.entries().size(); i++) {
            double score = r.entries().get(i).score();
            assertTrue(Double.isFinite(score) && score < 0 && -score < quantizedNmse * 1.5,
                    "a revert leaves an error of the quantized model's order: " + score);
            if (i > 0) {
                assertTrue(r.entries().get(i - 1).score() > score, "ranked best first");
            }
        }
        assertTrue(-r.entries().get(0).score() < quantizedNmse, "reverting the best group lowers the error: "
                + r.entries().get(0).score() + " vs " + quantizedNmse);
    }

    private static boolean isConvolution(Model model, String node) {
        String kind = model.graph().requireNode(node).kind();
        return OpKinds.CONVOLUTION.equals(kind) || OpKinds.GROUP_CONVOLUTION.equals(kind);
    }
}
