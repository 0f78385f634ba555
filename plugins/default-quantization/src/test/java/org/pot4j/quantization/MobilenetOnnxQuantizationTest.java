package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * DefaultQuantization of mobilenet_v1_0.25_128 (ONNX) with statistics from ONNX Runtime, saved as QDQ ONNX with
 * int8 weights and evaluated in ONNX Runtime against FP32 on the imagenet-samples (label = class index + 1).
 */
class MobilenetOnnxQuantizationTest {
    private static final int CALIBRATION = Integer.getInteger("pot4j.test.calibration", 300);
    private static final int EVALUATION = Integer.getInteger("pot4j.test.evaluation", 1000);

    @TempDir
    Path dir;

    @Test
    void qdqInt8TopOneStaysWithinTwoPointsOfFp32() {
        Path onnx = TestAssets.require("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx");
        Path images = TestAssets.require("images/imagenet-samples");
        DataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", images.resolve("images").toString(), "input_shape", List.of(1, 3, 128, 128),
                "color_order", "RGB", "central_fraction", 0.875, "mean", List.of(127.5), "scale", List.of(127.5),
                "labels_file", images.resolve("labels.tsv").toString(), "label_offset", 1)));
        OnnxModelFormat format = new OnnxModelFormat();
        Model fp32 = format.read(ModelSource.of(onnx));
        TestPluginContext context = new TestPluginContext();
        Model int8;
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            int8 = Pipeline.create(List.of(new DefaultQuantizationFactory().create(
                    AlgorithmSettings.of(Map.of("preset", "performance", "stat_subset_size", CALIBRATION), "CPU"),
                    context)), InferenceLoop.of(ort, loader)).run(fp32);
        }
        int8.extension(QuantizationEditor.class).orElseThrow().compressWeights();
        Path saved = format.write(int8, dir, "mobilenet_int8").get(0);
        Model reread = format.read(ModelSource.of(saved));
        long qdq = reread.graph().nodes().stream().filter(n -> OpKinds.DEQUANTIZE_LINEAR.equals(n.kind())).count();
        int from = loader.size() - EVALUATION;
        double fp32Accuracy = accuracy(fp32, loader, from);
        double int8Accuracy = accuracy(reread, loader, from);
        System.out.printf("mobilenet_v1_0.25_128: %d DequantizeLinear; top-1 on samples %d..%d in ONNX Runtime: FP32 %.1f %%, "
                + "INT8 %.1f %%%n", qdq, from, loader.size() - 1, 100 * fp32Accuracy, 100 * int8Accuracy);
        assertTrue(qdq > 20, "DequantizeLinear nodes: " + qdq);
        assertTrue(fp32Accuracy - int8Accuracy <= 0.02 + 1e-9, "INT8 " + int8Accuracy + " vs FP32 " + fp32Accuracy);
    }

    private static double accuracy(Model model, DataLoader loader, int from) {
        int correct = 0;
        try (Engine engine = new OrtEngineFactory().create(EngineSettings.cpu(), new TestPluginContext())) {
            engine.setModel(model);
            for (int i = from; i < loader.size(); i++) {
                DataItem item = loader.get(i);
                Tensor x = item.inputs().get(DataItem.UNNAMED).reshape(Shape.of(1, 3, 128, 128));
                float[] p = engine.infer(Map.of("", x)).values().iterator().next().toFloatArray();
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
                correct += best == (Integer) item.annotation() ? 1 : 0;
            }
        }
        return (double) correct / (loader.size() - from);
    }
}
