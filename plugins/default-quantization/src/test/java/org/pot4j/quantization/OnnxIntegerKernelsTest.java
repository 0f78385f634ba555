package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.KernelReport;
import org.pot4j.api.engine.RuntimeInspection;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.proto.OnnxMl.ModelProto;
import org.pot4j.testkit.TestPluginContext;

/**
 * Each pattern of {@link QdqPatternModels}, quantized by DefaultQuantization (statistics in ONNX Runtime) and saved
 * with int8 weights, runs every quantized Conv/MatMul/Gemm as an integer kernel in ONNX Runtime's optimized graph; its
 * outputs stay close to FP32; and the QDQ layout changes no value the model computes: the same quantization without
 * the layout gives the same outputs (up to the int32 bias, which moves a value by at most one level in rare places).
 */
class OnnxIntegerKernelsTest {
    private static final int SAMPLES = 16;

    @TempDir
    Path dir;

    static Stream<Arguments> patterns() {
        return QdqPatternModels.all().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void quantizedOpsRunAsIntegerKernelsWithFp32Outputs(String pattern, ModelProto proto) throws Exception {
        OnnxModelFormat format = new OnnxModelFormat();
        Path file = Files.write(dir.resolve(pattern + ".onnx"), proto.toByteArray());
        Model fp32 = format.read(ModelSource.of(file));
        long[] dims = pattern.equals("matmul") ? QdqPatternModels.SEQUENCE_INPUT : QdqPatternModels.INPUT;
        DataLoader data = new RandomInputs(SAMPLES, dims);

        Model int8 = OnnxQuantizationRuns.quantize(fp32, data, SAMPLES);
        Model unlaid = OnnxQuantizationRuns.quantize(new OnnxModelWithoutLayout((OnnxModel) fp32, true), data,
                SAMPLES);
        Path saved = format.write(int8, dir, pattern + "_int8").get(0);
        Model reread = format.read(ModelSource.of(saved));

        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), new TestPluginContext())) {
            ort.setModel(reread);
            KernelReport report = ort.extension(RuntimeInspection.class).orElseThrow().inspect();
            System.out.printf("%s: %d of %d quantized Conv/MatMul/Gemm as integer kernels; ops %s; float: %s%n", pattern,
                    report.integerOps(), report.quantizedOps(), report.opCounts(), report.floatOps());
            assertTrue(report.quantizedOps() > 0, pattern + ": nothing quantized");
            assertEquals(report.quantizedOps(), report.integerOps(), pattern + ": " + report.floatOps());
        }

        double relative = 0;
        double layoutLevels = 0;
        for (int i = 0; i < 4; i++) {
            Tensor x = data.get(SAMPLES - 1 - i).inputs().get(DataItem.UNNAMED).reshape(Shape.of(dims));
            float[] reference = run(fp32, x);
            float[] quantized = run(reread, x);
            float[] withoutLayout = run(unlaid, x);
            relative = Math.max(relative, l2(quantized, reference) / l2(reference, new float[reference.length]));
            layoutLevels = Math.max(layoutLevels, maxAbs(quantized, withoutLayout) / outputLevel(reread));
        }
        System.out.printf("%s: INT8 vs FP32 relative L2 error %.4f; with vs without QDQ layout: %.2f output levels%n",
                pattern, relative, layoutLevels);
        assertTrue(relative < 0.05, pattern + ": INT8 vs FP32 relative error " + relative);
        assertTrue(layoutLevels <= 1.01, pattern + ": the layout moved an output by " + layoutLevels + " levels");
    }

    private static float[] run(Model model, Tensor x) {
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), new TestPluginContext())) {
            ort.setModel(model);
            return ort.infer(Map.of(DataItem.UNNAMED, x)).get("y").toFloatArray();
        }
    }

    /** The scale of the quantizer on the model's output {@code y} (every pattern quantizes it). */
    private static double outputLevel(Model model) {
        ModelProto proto = ((OnnxModel) model).proto();
        String scale = proto.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("DequantizeLinear") && n.getOutput(0).equals("y"))
                .map(n -> n.getInput(1)).findFirst().orElse(null);
        if (scale == null) {
            return 1e-3;
        }
        Graph g = model.graph();
        return g.nodes().stream().filter(n -> n.isConstant() && n.output(0).tensorNames().contains(scale))
                .findFirst().map(n -> (double) n.constantValue().orElseThrow().getFloat(0)).orElse(1e-3);
    }

    private static double l2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    private static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
