package org.pot4j.quantization.bias;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.quantization.FakeQuantizeSpec;
import org.pot4j.api.quantization.QuantizationEditor;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.quantization.minmax.ConstantFolder;
import org.pot4j.quantization.placement.GraphFacts;
import org.pot4j.quantization.statistics.StatisticKeys;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

class FastBiasCorrectionTest {
    /**
     * With weights left unquantized, the one-op model computes exactly the FP32 op, so the corrected bias must be the
     * original one: this checks the statistics, the sub-model and the per-channel arithmetic end to end.
     */
    @Test
    void unquantizedWeightsGiveBackTheOriginalBiases() {
        Path xml = TestAssets.require("ir/squeezenet1.1/v11/squeezenet1.1.xml");
        Path images = TestAssets.require("images/imagenet-samples/images");
        DataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", images.toString(),
                "input_shape", List.of(1, 3, 227, 227), "mean", List.of(104, 117, 123))));
        Model fp32 = new IrModelFormat().read(ModelSource.of(xml));
        Graph g = fp32.graph();
        FastBiasCorrection fbc = new FastBiasCorrection(2.0, true);
        List<FastBiasCorrection.Target> all = fbc.targets(new GraphFacts(g), List.of());
        // 1x1 convolutions are linear per position, so the mean output is exactly the op applied to the mean input
        // (padded kernels see zeros at the borders, which FastBiasCorrection folds into the bias by design)
        List<FastBiasCorrection.Target> targets = new ArrayList<>();
        for (FastBiasCorrection.Target t : all) {
            Tensor w = ConstantFolder.value(g, g.requireNode(t.op()).input(1).orElseThrow());
            if (w.shape().dim(2) == 1 && w.shape().dim(3) == 1) {
                targets.add(t);
            }
        }
        StatisticsRequest request = new StatisticKeys().addAll(FastBiasCorrection.statistics(targets)).request();
        TestPluginContext context = new TestPluginContext();
        RecordingEditor editor = new RecordingEditor();
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), context);
             Engine mini = new ReferenceEngineFactory().create(EngineSettings.cpu(), context)) {
            engine.setModel(fp32);
            CollectedStatistics stats = InferenceLoop.of(engine, loader).run(PredictRequest.statistics(
                    Sampler.sequential(2, 1), request, null)).statistics();
            fbc.apply(targets, g, List.of(), Map.of(), stats, editor, mini);
        }
        assertEquals(26, all.size(), "every convolution of squeezenet1.1 has a bias");
        assertEquals(17, targets.size(), "1x1 convolutions");
        assertFalse(editor.replaced.isEmpty(), "biases without a zero are rewritten");
        for (Map.Entry<String, Tensor> e : editor.replaced.entrySet()) {
            float[] original = g.requireNode(e.getKey()).constantValue().orElseThrow().toFloatArray();
            float[] corrected = e.getValue().toFloatArray();
            for (int c = 0; c < original.length; c++) {
                assertEquals(original[c], corrected[c], 1e-3 * Math.abs(original[c]) + 2e-4, e.getKey() + "[" + c + "]");
            }
        }
    }

    /** Records constant replacements. */
    private static final class RecordingEditor implements QuantizationEditor {
        final Map<String, Tensor> replaced = new HashMap<>();

        @Override
        public void insertFakeQuantize(FakeQuantizeSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replaceConstant(String node, Tensor value) {
            replaced.put(node, value);
        }

        @Override
        public int compressWeights() {
            return 0;
        }

        @Override
        public void setQuantizationInfo(Map<String, String> info) {
        }
    }
}
