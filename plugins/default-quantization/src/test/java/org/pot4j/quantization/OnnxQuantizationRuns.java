package org.pot4j.quantization;

import java.util.List;
import java.util.Map;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.testkit.TestPluginContext;

/** The quantization run the ONNX integer-kernel tests share: DefaultQuantization with ONNX Runtime statistics. */
final class OnnxQuantizationRuns {
    private OnnxQuantizationRuns() {
    }

    /**
     * {@code fp32} quantized (preset performance, target CPU, statistics in ONNX Runtime on {@code samples} samples)
     * with int8 weights; an {@link OnnxModelWithoutLayout} comes back as the ONNX model it wraps.
     */
    static Model quantize(Model fp32, DataLoader data, int samples) {
        return quantize(fp32, data, samples, Map.of());
    }

    /** {@link #quantize(Model, DataLoader, int)} with more DefaultQuantization params (such as {@code ignored}). */
    static Model quantize(Model fp32, DataLoader data, int samples, Map<String, Object> more) {
        TestPluginContext context = new TestPluginContext();
        Map<String, Object> params = new java.util.LinkedHashMap<>(more);
        params.put("preset", "performance");
        params.put("stat_subset_size", samples);
        try (Engine ort = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            Model q = Pipeline.create(List.of(new DefaultQuantizationFactory().create(AlgorithmSettings.of(
                    params, "CPU"), context)),
                    InferenceLoop.of(ort, data)).run(fp32);
            Model onnx = q instanceof OnnxModelWithoutLayout w ? w.onnx() : q;
            onnx.extension(QuantizationEditor.class).orElseThrow().compressWeights();
            return onnx;
        }
    }

    /** {@code sample} with a leading batch axis of 1. */
    static Tensor withBatch(Tensor sample) {
        long[] dims = sample.shape().dims();
        long[] one = new long[dims.length + 1];
        one[0] = 1;
        System.arraycopy(dims, 0, one, 1, dims.length);
        return sample.reshape(Shape.of(one));
    }
}
