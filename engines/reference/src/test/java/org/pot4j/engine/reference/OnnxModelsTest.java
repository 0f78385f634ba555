package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestAssets;

/**
 * The shared ONNX models, read through the ONNX plugin's view, run on this engine and compared with ONNX Runtime on
 * the same random input: every output within {@code 1e-4} of ONNX Runtime relative to the output's largest magnitude
 * (the quantized model within one quantization step, see below). Skipped without the assets or ONNX Runtime.
 */
class OnnxModelsTest {
    private static Model read(Path file) {
        return new OnnxModelFormat().read(ModelSource.of(file));
    }

    private static OrtEnvironment ort() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (Throwable e) {
            assumeTrue(false, "ONNX Runtime cannot load on this machine: " + e);
            return null;
        }
    }

    /** A random input per model input; dynamic dims become {@code dynamicDims[i]} (batch 2, spatial 30x40). */
    private static Map<String, Tensor> inputs(OrtSession s, float lo, float hi) throws OrtException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        Random r = new Random(17);
        for (Map.Entry<String, NodeInfo> e : s.getInputInfo().entrySet()) {
            long[] shape = ((TensorInfo) e.getValue().getInfo()).getShape().clone();
            long[] dynamic = {2, 3, 30, 40};
            int n = 1;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] < 0) {
                    shape[d] = dynamic[Math.min(d, 3)];
                }
                n *= shape[d];
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = lo + r.nextFloat() * (hi - lo);
            }
            in.put(e.getKey(), Tensor.ofFloats(v, shape));
        }
        return in;
    }

    private static Map<String, float[]> runOrt(OrtEnvironment env, OrtSession s, Map<String, Tensor> in) throws OrtException {
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : in.entrySet()) {
                feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().toFloatArray()),
                        e.getValue().shape().dims()));
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            try (OrtSession.Result r = s.run(feed)) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] f = new float[b.remaining()];
                    b.get(f);
                    out.put(e.getKey(), f);
                }
            }
            return out;
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    /** Largest |ours - ort| over the output's largest |ort|. */
    private static double relativeError(float[] ours, float[] ort) {
        double maxAbs = 1e-12;
        double maxDiff = 0;
        for (int i = 0; i < ort.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ort[i]));
            maxDiff = Math.max(maxDiff, Math.abs(ours[i] - ort[i]));
        }
        return maxDiff / maxAbs;
    }

    private static void compare(String relative, float lo, float hi, double tolerance) throws Exception {
        compare(relative, lo, hi, tolerance, OrtSession.SessionOptions.OptLevel.ALL_OPT);
    }

    private static void compare(String relative, float lo, float hi, double tolerance,
                                OrtSession.SessionOptions.OptLevel level) throws Exception {
        Path file = TestAssets.require("onnx/" + relative);
        OrtEnvironment env = ort();
        Model model = read(file);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(level);
        // ORT warns about every unused initializer of the BlazeFace exports; only errors matter here
        options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        try (options; OrtSession s = env.createSession(file.toString(), options);
             Engine e = OpRunner.engine(Map.of("threads", 2))) {
            Map<String, Tensor> in = inputs(s, lo, hi);
            Map<String, float[]> want = runOrt(env, s, in);
            e.setModel(model);
            Map<String, Tensor> got = e.infer(in);
            assertEquals(want.keySet(), got.keySet(), relative + ": output names");
            for (Map.Entry<String, float[]> w : want.entrySet()) {
                float[] ours = got.get(w.getKey()).toFloatArray();
                assertEquals(w.getValue().length, ours.length, relative + " " + w.getKey() + ": element count");
                double err = relativeError(ours, w.getValue());
                assertTrue(err <= tolerance, relative + " " + w.getKey() + ": relative error " + err + " > " + tolerance);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mtcnn/pnet.onnx, -1, 1",
        "mtcnn/rnet.onnx, -1, 1",
        "mtcnn/onet.onnx, -1, 1",
        "mtcnn-caffe-transposed/optimaizer_pnet.onnx, -1, 1",
        "mtcnn-caffe-transposed/optimaizer_rnet.onnx, -1, 1",
        "mtcnn-caffe-transposed/optimaizer_onet.onnx, -1, 1",
        "seetaface2/pnet.onnx, 0, 255",
        "seetaface2/rnet.onnx, 0, 255",
        "seetaface2/onet.onnx, 0, 255",
        "ultraface/version-slim-320.onnx, -1, 1",
        "ultraface/version-RFB-320.onnx, -1, 1",
        "ultraface/version-RFB-640.onnx, -1, 1",
        "blazeface/face_detection_front_128x128_barracuda.onnx, -1, 1",
        "blazeface/face_detection_back_256x256_barracuda.onnx, -1, 1",
        "mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx, -1, 1",
    })
    void matchesOnnxRuntime(String model, float lo, float hi) throws Exception {
        compare(model, lo, hi, 1e-4);
    }

    /**
     * The QDQ model, with ONNX Runtime executing the QuantizeLinear/DequantizeLinear nodes as written (no graph
     * optimisation): the same simulated-quantization arithmetic, so the outputs agree (measured: exactly).
     */
    @Test
    void quantizedMobilenetMatchesOnnxRuntimeQdqSemantics() throws Exception {
        compare("mobilenet_v1_0.25_128/mobilenet_v1_0.25_128_quant.onnx", -1, 1, 1e-4,
                OrtSession.SessionOptions.OptLevel.NO_OPT);
    }

    /**
     * With its optimisations ONNX Runtime fuses the QDQ pairs into integer kernels (QLinearConv ...) that requantize
     * with integer arithmetic: the uint8 softmax output then differs by at most a few quantization steps (measured:
     * one step, 0.02 of the largest probability).
     */
    @Test
    void quantizedMobilenetIsCloseToOnnxRuntimesIntegerKernels() throws Exception {
        compare("mobilenet_v1_0.25_128/mobilenet_v1_0.25_128_quant.onnx", -1, 1, 0.05,
                OrtSession.SessionOptions.OptLevel.ALL_OPT);
    }

    @Test
    void seetafaceLandmarksNeedTheCustomShapeIndexPatchOp() {
        Model model = read(TestAssets.require("onnx/seetaface2/Points5_Net_all.onnx"));
        try (Engine e = OpRunner.engine(Map.of())) {
            EngineException ex = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class, () -> e.setModel(model));
            assertTrue(ex.getMessage().contains("ShapeIndexPatch"), ex.getMessage());
        }
    }
}
