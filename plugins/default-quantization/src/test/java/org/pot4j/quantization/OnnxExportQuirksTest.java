package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.floats;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.intAttr;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
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
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.OnnxTestModels;
import org.pot4j.onnx.proto.OnnxMl.NodeProto;
import org.pot4j.onnx.proto.OnnxMl.TensorProto;

/**
 * What real exports (Paddle2ONNX, tf2onnx, TFLite converters) bring, end to end with DefaultQuantization, statistics
 * in ONNX Runtime, the INT8 file read back and run in ONNX Runtime: no shape information at all, an op pot4j does not
 * map, pads computed from initializers by Split -> Concat, weights held in Constant nodes, and a peak detection that
 * compares a Sigmoid's output with its MaxPool.
 */
class OnnxExportQuirksTest {
    private static final int SAMPLES = 12;
    private static final long[] INPUT = {1, 3, 16, 16};

    @TempDir
    Path dir;

    private static TensorProto weights(String name, long seed, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (r.nextFloat() - 0.5f) * 0.6f;
        }
        return floats(name, v, dims);
    }

    /** A tf2onnx-like export: no value_info, Constant-node weights, pads from Split -> Concat, a HardSigmoid. */
    static OnnxTestModels shapelessExport() {
        return OnnxTestModels.opset(13).input("x", INPUT)
                .constantNode("w1", weights("", 1, 16, 3, 3, 3))
                .constantNode("b1", weights("", 2, 16))
                .constantNode("w2", weights("", 3, 32, 16, 3, 3))
                .constantNode("w3", weights("", 4, 32, 10))
                .longInitializer("paddings", 0, 0, 1, 1, 0, 0, 1, 1)
                .longInitializer("split", 4, 4)
                .node("Split", "Split__230", in("paddings", "split"), out("begin", "end"), intAttr("axis", 0))
                .node("Concat", "Concat__235", in("begin", "end"), out("Concat__235:0"), intAttr("axis", 0))
                .node("Pad", "pad", in("x", "Concat__235:0"), out("padded"))
                .node("Conv", "conv1", in("padded", "w1", "b1"), out("c1"))
                .node("Relu", "relu1", in("c1"), out("r1"))
                .node("HardSigmoid", "hsig", in("r1"), out("h1"))
                .node("Conv", "conv2", in("h1", "w2"), out("c2"), ints("pads", 1, 1, 1, 1), ints("strides", 2, 2))
                .node("Relu", "relu2", in("c2"), out("r2"))
                .node("GlobalAveragePool", "gap", in("r2"), out("g"))
                .node("Flatten", "flat", in("g"), out("f"))
                .node("MatMul", "fc", in("f", "w3"), out("y"))
                .output("y");
    }

    @Test
    void aShapelessExportWithComputedPadsAndConstantWeightsQuantizesAndShrinks() throws Exception {
        OnnxModelFormat format = new OnnxModelFormat();
        Path fp32File = shapelessExport().write(dir.resolve("export.onnx"));
        Model fp32 = format.read(ModelSource.of(fp32File));
        Model int8 = quantize(fp32);
        int compressed = int8.extension(QuantizationEditor.class).orElseThrow().compressWeights();
        Path int8File = format.write(int8, dir, "export_int8").get(0);

        List<NodeProto> nodes = ((OnnxModel) int8).proto().getGraph().getNodeList();
        Set<String> ops = nodes.stream().map(NodeProto::getOpType).collect(Collectors.toSet());
        System.out.printf("export: %d weights compressed, FP32 %d bytes, INT8 %d bytes, ops %s%n", compressed,
                Files.size(fp32File), Files.size(int8File), ops);
        assertEquals(3, compressed, "the three Constant-node weights");
        assertFalse(ops.contains("Split") || ops.contains("Concat") || ops.contains("Constant"), ops.toString());
        assertTrue(Files.size(int8File) < Files.size(fp32File), "INT8 " + Files.size(int8File)
                + " bytes, FP32 " + Files.size(fp32File));

        Model reread = format.read(ModelSource.of(int8File));
        double relative = 0;
        for (int i = 0; i < 4; i++) {
            Tensor x = sample(100 + i);
            float[] ref = run(fp32, x, "y");
            float[] q = run(reread, x, "y");
            relative = Math.max(relative, l2(q, ref) / l2(ref, new float[ref.length]));
        }
        System.out.printf("export: INT8 vs FP32 relative L2 error %.4f%n", relative);
        assertTrue(relative < 0.05, "relative error " + relative);
    }

    /** CenterNet-style peaks: heat = Sigmoid(Conv(x)), peaks = Equal(MaxPool3x3(heat), heat). */
    static OnnxTestModels peakDetection() {
        return OnnxTestModels.opset(13).input("x", INPUT)
                .initializer(weights("w0", 5, 8, 3, 3, 3))
                .initializer(weights("w", 6, 1, 8, 3, 3))
                .node("Conv", "conv0", in("x", "w0"), out("c0"), ints("pads", 1, 1, 1, 1))
                .node("Relu", "relu0", in("c0"), out("r0"))
                .node("Conv", "head", in("r0", "w"), out("logits"), ints("pads", 1, 1, 1, 1))
                .node("Sigmoid", "heat", in("logits"), out("heat"))
                .node("MaxPool", "nms", in("heat"), out("hmax"), ints("kernel_shape", 3, 3), ints("pads", 1, 1, 1, 1))
                .node("Equal", "keep", in("hmax", "heat"), out("is_peak"))
                .node("Cast", "as_float", in("is_peak"), out("peaks"), intAttr("to", TensorProto.DataType.FLOAT_VALUE))
                .output("peaks");
    }

    @Test
    void peakDetectionLeavesTheComparedTensorsInFloat() throws Exception {
        OnnxModelFormat format = new OnnxModelFormat();
        Model fp32 = format.read(ModelSource.of(peakDetection().write(dir.resolve("peaks.onnx"))));
        Model int8 = quantize(fp32);
        int8.extension(QuantizationEditor.class).orElseThrow().compressWeights();
        Path saved = format.write(int8, dir, "peaks_int8").get(0);
        List<NodeProto> nodes = ((OnnxModel) int8).proto().getGraph().getNodeList();
        Set<String> quantized = nodes.stream().filter(n -> n.getOpType().equals("QuantizeLinear"))
                .map(n -> n.getInput(0)).collect(Collectors.toSet());
        System.out.println("peaks: quantized tensors " + quantized);
        for (String compared : List.of("heat", "hmax", "logits")) {
            assertFalse(quantized.contains(compared), compared + " is quantized: " + quantized);
        }
        assertTrue(quantized.contains("x"), "the first convolution is still quantized: " + quantized);

        Model reread = format.read(ModelSource.of(saved));
        for (int i = 0; i < 3; i++) {
            Tensor x = sample(200 + i);
            int reference = count(run(fp32, x, "peaks"));
            int peaks = count(run(reread, x, "peaks"));
            System.out.printf("peaks: FP32 %d, INT8 %d%n", reference, peaks);
            assertTrue(Math.abs(peaks - reference) <= Math.max(2, reference / 5),
                    "INT8 finds " + peaks + " peaks, FP32 " + reference);
        }
    }

    private static int count(float[] peaks) {
        int n = 0;
        for (float p : peaks) {
            n += p != 0 ? 1 : 0;
        }
        return n;
    }

    private static Model quantize(Model fp32) {
        DataLoader data = new RandomInputs(SAMPLES);
        org.pot4j.testkit.TestPluginContext context = new org.pot4j.testkit.TestPluginContext();
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            return Pipeline.create(List.of(new DefaultQuantizationFactory().create(AlgorithmSettings.of(
                    Map.of("preset", "performance", "stat_subset_size", SAMPLES), "CPU"), context)),
                    InferenceLoop.of(ort, data)).run(fp32);
        }
    }

    private static float[] run(Model model, Tensor x, String output) {
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(),
                new org.pot4j.testkit.TestPluginContext())) {
            ort.setModel(model);
            return ort.infer(Map.of(DataItem.UNNAMED, x)).get(output).toFloatArray();
        }
    }

    private static Tensor sample(int seed) {
        return new RandomInputs(1).item(seed).reshape(Shape.of(INPUT));
    }

    private static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    /** Reproducible smooth random images in [-1, 1] (a sum of a few waves, so peaks are few and plateaus rare). */
    private record RandomInputs(int size) implements DataLoader {
        Tensor item(int index) {
            Random r = new Random(1000L + index);
            int h = (int) INPUT[2];
            int w = (int) INPUT[3];
            float[] v = new float[(int) (INPUT[1] * h * w)];
            for (int c = 0; c < INPUT[1]; c++) {
                double fy = 0.2 + r.nextDouble() * 0.8;
                double fx = 0.2 + r.nextDouble() * 0.8;
                double py = r.nextDouble() * 6;
                double px = r.nextDouble() * 6;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        v[(c * h + y) * w + x] = (float) (0.5 * Math.sin(fy * y + py) + 0.5 * Math.cos(fx * x + px)
                                + 0.05 * r.nextGaussian());
                    }
                }
            }
            return Tensor.ofFloats(Shape.of(INPUT[1], h, w), v);
        }

        @Override
        public DataItem get(int index) {
            return DataItem.of(item(index));
        }
    }
}
