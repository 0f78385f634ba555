package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.KernelReport;
import org.pot4j.api.engine.RuntimeInspection;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.OnnxSymbolicBatch;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * Every ONNX model of the shared assets ({@link AssetOnnxModels}), quantized with its own preprocessing on a few
 * images and saved with int8 weights: ONNX Runtime runs at least 95 % of its quantized Conv/MatMul/Gemm as integer
 * kernels, and on images the calibration did not see its outputs stay as close to FP32 as those of the same
 * quantization with POT's placement and schemes as they are (what pot4j wrote before the layout for ONNX Runtime).
 */
class OnnxAssetIntegerKernelsTest {
    private static final int CALIBRATION = 6;
    private static final int CHECKED = 2;

    @TempDir
    Path dir;

    static Stream<AssetOnnxModels.Spec> models() {
        return AssetOnnxModels.MODELS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void quantizedOpsRunAsIntegerKernels(AssetOnnxModels.Spec spec) throws Exception {
        Path file = TestAssets.require("onnx/" + spec.file());
        Path images = TestAssets.require("images");
        OnnxModelFormat format = new OnnxModelFormat();
        OnnxModel fp32 = (OnnxModel) format.read(ModelSource.of(file));
        if (fp32.graph().parameters().get(0).output(0).shape().dim(0) > 1) {
            fp32 = OnnxSymbolicBatch.of(fp32);      // SeetaFace R/O-Net: exported for a fixed batch of several crops
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data_source", spec.images().contains("*") ? images + "/" + spec.images()
                : images.resolve(spec.images()).toString());
        config.put("input_shape", spec.shape());
        config.put("layout", spec.layout());
        config.put("color_order", spec.colorOrder());
        config.put("mean", List.of(spec.mean()));
        config.put("scale", List.of(spec.scale()));
        DataLoader data = ImageDataLoader.open(ImageLoaderConfig.fromMap(config));
        TestPluginContext context = new TestPluginContext();
        Model int8 = OnnxQuantizationRuns.quantize(fp32, data, CALIBRATION);
        Model potOnly = OnnxQuantizationRuns.quantize(new OnnxModelWithoutLayout(fp32, false), data,
                CALIBRATION);
        Model saved = format.read(ModelSource.of(format.write(int8, dir, "int8").get(0)));
        assertTrue(Files.size(dir.resolve("int8.onnx")) < Files.size(file), "the INT8 model is smaller");

        double error = 0;
        double potError = 0;
        try (Engine a = new OrtEngineFactory().create(EngineSettings.cpu(), context);
             Engine b = new OrtEngineFactory().create(EngineSettings.cpu(), context);
             Engine c = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            a.setModel(fp32);
            b.setModel(saved);
            c.setModel(potOnly);
            KernelReport report = b.extension(RuntimeInspection.class).orElseThrow().inspect();
            System.out.printf("%s: %d of %d quantized Conv/MatMul/Gemm run as integer kernels; float: %s%n",
                    spec.name(), report.integerOps(), report.quantizedOps(), report.floatOps());
            assertTrue(report.quantizedOps() > 0 && report.coverage() >= 0.95,
                    spec.name() + ": " + report.integerOps() + " of " + report.quantizedOps() + ", " + report.floatOps());
            for (int i = data.size() - CHECKED; i < data.size(); i++) {
                Tensor x = data.get(i).inputs().values().iterator().next();
                Map<String, Tensor> in = Map.of(fp32.graph().parameters().get(0).name(),
                        OnnxQuantizationRuns.withBatch(x));
                Map<String, Tensor> expected = a.infer(in);
                Map<String, Tensor> actual = b.infer(in);
                Map<String, Tensor> pot = c.infer(in);
                for (String output : expected.keySet()) {
                    float[] reference = expected.get(output).toFloatArray();
                    error = Math.max(error, relativeError(actual.get(output).toFloatArray(), reference));
                    potError = Math.max(potError, relativeError(pot.get(output).toFloatArray(), reference));
                }
            }
        }
        System.out.printf("%s: largest relative L2 error of an output vs FP32: %.4f laid out for ONNX Runtime, %.4f "
                + "with POT's placement and schemes as they are%n", spec.name(), error, potError);
        assertTrue(error <= Math.max(0.02, 2 * potError), spec.name() + ": " + error + " vs " + potError);
    }

    private static double relativeError(float[] actual, float[] expected) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (actual[i] - expected[i]) * (double) (actual[i] - expected[i]);
            norm += expected[i] * (double) expected[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }
}
