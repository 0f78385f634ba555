package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.AlgorithmSequence;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * ActivationChannelAlignment on a real model: open-closed-eye-0001 has one linear chain ({@code 14/WithoutBiases} ->
 * {@code 15}, a 1x1 convolution with no padding). Alignment must not change what the FP32 model computes, and the
 * aligned convolution's weights get the saturation fix's rescaling (POT's {@code need_rescale}).
 */
class ActivationChannelAlignmentTest {
    private static final TestPluginContext CONTEXT = new TestPluginContext();

    private static DataLoader eyes() {
        return ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", TestAssets.require("images/faces/aligned").toString(), "input_shape", List.of(1, 3, 32, 32))));
    }

    @Test
    void alignmentKeepsTheFp32FunctionAndFlagsTheConvolutionForRescaling() {
        Path xml = TestAssets.require("ir/open-closed-eye-0001/FP32/open-closed-eye-0001.xml");
        Model fp32 = new IrModelFormat().read(ModelSource.of(xml));
        DataLoader data = eyes();
        DefaultQuantizationParameters params = DefaultQuantizationParameters.bind(
                AlgorithmSettings.of(Map.of("stat_subset_size", 8), "CPU"));
        AlignedConvolutions aligned = new AlignedConvolutions();
        Model alignedModel;
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), CONTEXT)) {
            alignedModel = Pipeline.create(List.of(new ActivationChannelAlignment(params, aligned)),
                    InferenceLoop.of(engine, data)).run(fp32);
        }
        assertEquals(java.util.Set.of("15"), aligned.of(fp32.name()));
        float[] wBefore = weights(fp32.graph(), "14/WithoutBiases");
        float[] wAfter = weights(alignedModel.graph(), "14/WithoutBiases");
        assertFalse(java.util.Arrays.equals(wBefore, wAfter), "the first convolution's channels were rescaled");

        double worst = 0;
        try (Engine a = new ReferenceEngineFactory().create(EngineSettings.cpu(), CONTEXT);
             Engine b = new ReferenceEngineFactory().create(EngineSettings.cpu(), CONTEXT)) {
            a.setModel(fp32);
            b.setModel(alignedModel);
            for (int i = 0; i < data.size(); i++) {
                Tensor x = data.get(i).inputs().get(DataItem.UNNAMED).reshape(Shape.of(1, 3, 32, 32));
                float[] p = a.infer(Map.of("", x)).values().iterator().next().toFloatArray();
                float[] q = b.infer(Map.of("", x)).values().iterator().next().toFloatArray();
                for (int k = 0; k < p.length; k++) {
                    worst = Math.max(worst, Math.abs(p[k] - q[k]) / Math.max(1e-3, Math.abs(p[k])));
                }
            }
        }
        assertTrue(worst < 1e-4, "aligned FP32 outputs differ from the original by " + worst + " (relative)");

        // the whole DefaultQuantization: the aligned convolution's weight quantizer writes twice its input range
        Algorithm dq = new AlgorithmSequence("DefaultQuantization", List.of(new ActivationChannelAlignment(params, aligned),
                new DefaultQuantization(params, () -> null, aligned)));
        Model int8;
        try (Engine engine = new ReferenceEngineFactory().create(EngineSettings.cpu(), CONTEXT)) {
            int8 = Pipeline.create(List.of(dq), InferenceLoop.of(engine, data)).run(fp32);
        }
        Graph g = int8.graph();
        Node fq = g.producer(g.requireNode("15"), 1).orElseThrow();
        assertEquals(OpKinds.FAKE_QUANTIZE, fq.kind());
        float inHigh = constant(g, fq, 2);
        float outHigh = constant(g, fq, 4);
        assertEquals(2 * inHigh, outHigh, 1e-6 * Math.abs(outHigh), "saturation fix on the aligned convolution");
    }

    private static float[] weights(Graph g, String conv) {
        Node n = g.requireNode(conv);
        return org.pot4j.quantization.minmax.ConstantFolder.value(g, n.input(1).orElseThrow()).toFloatArray();
    }

    private static float constant(Graph g, Node fq, int port) {
        float[] v = org.pot4j.quantization.minmax.ConstantFolder.value(g, fq.input(port).orElseThrow()).toFloatArray();
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
