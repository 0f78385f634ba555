package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
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
import org.pot4j.onnx.proto.OnnxMl;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * UltraFace RFB-320 keeps its 35 BatchNormalization nodes unfolded after its Conv nodes. DefaultQuantization folds
 * them first (as OpenVINO's conversion does before POT), so that ONNX Runtime can turn the quantized convolutions
 * into QLinearConv; the INT8 face scores stay close to FP32.
 */
class UltraFaceOnnxQuantizationTest {
    @TempDir
    Path dir;

    @Test
    void batchNormalizationsAreFoldedSoOnnxRuntimeRunsIntegerConvolutions() throws Exception {
        Path onnx = TestAssets.require("onnx/ultraface/version-RFB-320.onnx");
        Path photos = TestAssets.require("images/faces/group-photos");
        DataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", photos.toString(),
                "input_shape", List.of(1, 3, 240, 320), "color_order", "RGB", "mean", List.of(127),
                "scale", List.of(128))));
        OnnxModelFormat format = new OnnxModelFormat();
        Model fp32 = format.read(ModelSource.of(onnx));
        TestPluginContext context = new TestPluginContext();
        Model int8;
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            // ONNX models get per-tensor activations and quantized Conv outputs (QuantizerConstraints) by default
            int8 = Pipeline.create(List.of(new DefaultQuantizationFactory().create(AlgorithmSettings.of(
                    Map.of("preset", "performance", "stat_subset_size", 8), "CPU"), context)),
                    InferenceLoop.of(ort, loader)).run(fp32);
        }
        int8.extension(QuantizationEditor.class).orElseThrow().compressWeights();
        Path saved = format.write(int8, dir, "ultraface_int8").get(0);

        OnnxMl.ModelProto written = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(saved));
        assertEquals(0, count(written, "BatchNormalization"), "every BatchNormalization is folded");
        assertEquals(count(((org.pot4j.onnx.OnnxModel) fp32).proto(), "Conv"), count(written, "Conv"));
        OnnxMl.ModelProto optimized = optimizedByOnnxRuntime(saved);
        long integer = count(optimized, "QLinearConv");
        long floating = count(optimized, "Conv") + count(optimized, "FusedConv");
        System.out.printf("UltraFace RFB-320 INT8 in ONNX Runtime: %d QLinearConv, %d float convolutions%n", integer,
                floating);
        // the detection heads too: their outputs get quantizers, so ONNX Runtime runs them as QLinearConv
        assertEquals(52, integer, integer + " QLinearConv, " + floating + " float convolutions");
        assertEquals(0, floating, integer + " QLinearConv, " + floating + " float convolutions");

        double worst = 0;
        double sum = 0;
        int n = 0;
        try (Engine a = new OrtEngineFactory().create(EngineSettings.cpu(), context);
             Engine b = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            a.setModel(fp32);
            b.setModel(format.read(ModelSource.of(saved)));
            for (int i = 0; i < 4; i++) {
                Tensor x = loader.get(i).inputs().get(DataItem.UNNAMED).reshape(Shape.of(1, 3, 240, 320));
                float[] f = a.infer(Map.of("", x)).get("scores").toFloatArray();
                float[] q = b.infer(Map.of("", x)).get("scores").toFloatArray();
                for (int k = 1; k < f.length; k += 2) {
                    double d = Math.abs(f[k] - q[k]);
                    worst = Math.max(worst, d);
                    sum += d;
                    n++;
                }
            }
        }
        System.out.printf("UltraFace RFB-320 face scores, INT8 vs FP32 on 4 photos: mean |diff| %.4f, max %.4f%n",
                sum / n, worst);
        assertTrue(sum / n < 0.01, "mean face-score difference " + sum / n);
    }

    private static long count(OnnxMl.ModelProto model, String op) {
        return model.getGraph().getNodeList().stream().filter(node -> node.getOpType().equals(op)).count();
    }

    /** The graph ONNX Runtime actually runs: its optimizer's output, saved next to the model. */
    private OnnxMl.ModelProto optimizedByOnnxRuntime(Path model) throws OrtException, IOException {
        Path out = dir.resolve("optimized.onnx");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setOptimizedModelFilePath(out.toString());
            // creating the session optimizes the graph and saves it
            OrtEnvironment.getEnvironment().createSession(model.toString(), options).close();
            return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out));
        }
    }
}
