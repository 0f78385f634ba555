package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.quantization.minmax.ConstantFolder;
import org.pot4j.testkit.TestPluginContext;

/**
 * The factory's FastBiasCorrection runs its one-op models in the host's default engine
 * ({@link PluginContext#defaultEngine()}), not in an engine it names itself; without one, quantization still runs and
 * leaves the biases alone.
 */
class DefaultQuantizationFactoryTest {
    private static final int SAMPLES = 8;

    @TempDir
    Path dir;

    /** The test class path's plugins, with a default engine of the test's choosing that counts the engines made. */
    private static final class ChosenDefaultContext implements PluginContext {
        private final TestPluginContext plugins = new TestPluginContext();
        private final EngineFactory defaultEngine;
        int created;

        ChosenDefaultContext(EngineFactory defaultEngine) {
            this.defaultEngine = defaultEngine;
        }

        @Override
        public System.Logger logger(String name) {
            return plugins.logger(name);
        }

        @Override
        public Optional<ModelFormat> modelFormat(String name) {
            return plugins.modelFormat(name);
        }

        @Override
        public Optional<ModelFormat> modelFormatFor(Path file) {
            return plugins.modelFormatFor(file);
        }

        @Override
        public Optional<EngineFactory> engine(String name) {
            return plugins.engine(name);
        }

        @Override
        public Optional<EngineFactory> defaultEngine() {
            if (defaultEngine == null) {
                return Optional.empty();
            }
            return Optional.of(new EngineFactory() {
                @Override
                public String name() {
                    return defaultEngine.name();
                }

                @Override
                public Engine create(EngineSettings settings, PluginContext context) {
                    created++;
                    return defaultEngine.create(settings, context);
                }
            });
        }
    }

    /** Reproducible samples in [-1, 1) of the pattern models' input, without the batch axis. */
    private record Samples(int size) implements DataLoader {
        @Override
        public DataItem get(int index) {
            long[] dims = QdqPatternModels.INPUT;
            Shape sample = Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
            Random r = new Random(2000L + index);
            float[] v = new float[(int) sample.elementCount()];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextFloat() * 2 - 1;
            }
            return DataItem.of(Tensor.ofFloats(sample, v));
        }
    }

    private Model quantize(PluginContext context) throws IOException {
        Path file = Files.write(dir.resolve("conv_relu.onnx"), QdqPatternModels.all().get("conv_relu").toByteArray());
        Model fp32 = new OnnxModelFormat().read(ModelSource.of(file));
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), context)) {
            return Pipeline.create(List.of(new DefaultQuantizationFactory().create(AlgorithmSettings.of(
                    Map.of("preset", "performance", "stat_subset_size", SAMPLES), "CPU"), context)),
                    InferenceLoop.of(engine, new Samples(SAMPLES))).run(fp32);
        }
    }

    /** The FP32 bias the ONNX view adds after {@code conv} (the Conv's third input, reshaped for broadcasting). */
    private static float[] bias(Model model, String conv) {
        Graph g = model.graph();
        return ConstantFolder.value(g, g.requireNode(conv + "/bias").input(1).orElseThrow()).toFloatArray();
    }

    /** The quantized model's bias of {@code conv} as ONNX Runtime reads it: int32 values times their scale. */
    private static float[] quantizedBias(Model model, String conv) {
        Graph g = model.graph();
        float[] q = g.requireNode(conv + ".b/int32").constantValue().orElseThrow().toFloatArray();
        float[] scale = g.requireNode(conv + ".b/int32_scale").constantValue().orElseThrow().toFloatArray();
        float[] out = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            out[i] = q[i] * scale[scale.length == 1 ? 0 : i];
        }
        return out;
    }

    private static float largestScale(Model model, String conv) {
        float m = 0;
        for (float s : model.graph().requireNode(conv + ".b/int32_scale").constantValue().orElseThrow().toFloatArray()) {
            m = Math.max(m, s);
        }
        return m;
    }

    private static long dequantizers(Model model) {
        return model.graph().nodes().stream().filter(n -> OpKinds.DEQUANTIZE_LINEAR.equals(n.kind())).count();
    }

    @Test
    void fastBiasCorrectionRunsInTheHostsDefaultEngineAndIsSkippedWithoutOne() throws IOException {
        ChosenDefaultContext withDefault = new ChosenDefaultContext(new ReferenceEngineFactory());
        Model corrected = quantize(withDefault);
        assertEquals(1, withDefault.created, "one default engine for FastBiasCorrection's one-op models");

        ChosenDefaultContext withoutDefault = new ChosenDefaultContext(null);
        Model uncorrected = quantize(withoutDefault);
        assertEquals(0, withoutDefault.created);

        assertTrue(dequantizers(corrected) > 0, "quantized with a default engine");
        assertEquals(dequantizers(corrected), dequantizers(uncorrected), "the same quantizers without one");
        boolean moved = false;
        for (String conv : List.of("conv1", "conv2")) {
            moved |= !Arrays.equals(quantizedBias(corrected, conv), quantizedBias(uncorrected, conv));
        }
        assertTrue(moved, "FastBiasCorrection moved a bias when it had an engine to run in");
        Model fp32 = new OnnxModelFormat().read(ModelSource.of(dir.resolve("conv_relu.onnx")));
        for (String conv : List.of("conv1", "conv2")) {
            float[] original = bias(fp32, conv);
            float[] kept = quantizedBias(uncorrected, conv);
            float step = largestScale(uncorrected, conv);
            for (int c = 0; c < original.length; c++) {
                assertEquals(original[c], kept[c], step / 2 + 1e-6,
                        conv + "[" + c + "]: without a default engine the bias is only rounded to int32");
            }
        }
    }
}
