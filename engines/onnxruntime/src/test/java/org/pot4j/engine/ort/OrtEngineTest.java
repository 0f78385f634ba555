package org.pot4j.engine.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.io.OnnxExternalData;
import org.pot4j.onnx.io.OnnxReader;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.testkit.TestPluginContext;
import org.pot4j.testkit.RandomSamples;

/** Real models run in ONNX Runtime; statistics from extra outputs match the model's own outputs. */
class OrtEngineTest {
    private static Model read(String relative) {
        return new OnnxModelFormat().read(ModelSource.of(org.pot4j.testkit.TestAssets.require(relative)));
    }

    private static Engine engine(Map<String, Object> config) {
        return new OrtEngineFactory().create(EngineSettings.cpu(config), new TestPluginContext());
    }

    private static Tensor batchOf(DataLoader loader, int n) {
        List<Tensor> parts = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Tensor t = loader.get(i).inputs().values().iterator().next();
            long[] d = t.shape().dims();
            long[] b = new long[d.length + 1];
            b[0] = 1;
            System.arraycopy(d, 0, b, 1, d.length);
            parts.add(t.reshape(Shape.of(b)));
        }
        return Tensor.concatBatch(parts);
    }

    @Test
    void mtcnnStagesRun() {
        Object[][] cases = {
            {"onnx/mtcnn/pnet.onnx", new long[] {3, 30, 40}, "prob", Shape.of(2, 2, 10, 15)},
            {"onnx/mtcnn/rnet.onnx", new long[] {3, 24, 24}, "prob", Shape.of(2, 2)},
            {"onnx/mtcnn/onet.onnx", new long[] {3, 48, 48}, "landmarks", Shape.of(2, 10)},
        };
        for (Object[] c : cases) {
            DataLoader loader = new RandomSamples(2, (long[]) c[1]);
            try (Engine e = engine(Map.of("threads", 1))) {
                e.setModel(read((String) c[0]));
                Map<String, Tensor> out = e.infer(Map.of("input", batchOf(loader, 2)));
                assertEquals(c[3], out.get((String) c[2]).shape(), c[0] + " " + c[2]);
                if (c[2].equals("prob")) {
                    float[] p = out.get("prob").toFloatArray();
                    assertEquals(1.0, p[0] + p[c[3].equals(Shape.of(2, 2)) ? 1 : 150], 1e-5, "softmax over 2 classes");
                }
            }
        }
    }

    @Test
    void mobilenetRunsAndItsSoftmaxSumsToOne() {
        DataLoader loader = new RandomSamples(1, 3, 128, 128);
        try (Engine e = engine(Map.of("optimization_level", "basic"))) {
            e.setModel(read("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx"));
            Tensor out = e.infer(Map.of("", batchOf(loader, 1))).values().iterator().next();
            assertEquals(Shape.of(1, 1001), out.shape());
            double sum = 0;
            for (float v : out.toFloatArray()) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-4);
        }
    }

    /**
     * Exported at batch 1 (mobilenet's Reshape to [1, 1001]; UltraFace, an old export that also lists its weights as
     * graph inputs), both run a batch of 3 after OnnxSymbolicBatch, each row as at batch 1.
     */
    @Test
    void symbolicBatchCopiesRunABatchRowByRowAsAtBatchOne() {
        Object[][] cases = {
            {"onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx", new long[] {3, 128, 128}},
            {"onnx/ultraface/version-RFB-320.onnx", new long[] {3, 240, 320}},
        };
        for (Object[] c : cases) {
            OnnxModel original = (OnnxModel) read((String) c[0]);
            OnnxModel any = org.pot4j.onnx.OnnxSymbolicBatch.of(original);
            DataLoader loader = new RandomSamples(3, (long[]) c[1]);
            try (Engine batched = engine(Map.of("threads", 1)); Engine single = engine(Map.of("threads", 1))) {
                batched.setModel(any);
                single.setModel(original);
                Map<String, Tensor> three = batched.infer(Map.of("", batchOf(loader, 3)));
                for (int row = 0; row < 3; row++) {
                    Tensor x = loader.get(row).inputs().values().iterator().next();
                    long[] d = x.shape().dims();
                    long[] b = new long[d.length + 1];
                    b[0] = 1;
                    System.arraycopy(d, 0, b, 1, d.length);
                    Map<String, Tensor> one = single.infer(Map.of("", x.reshape(Shape.of(b))));
                    for (String name : one.keySet()) {
                        float[] want = one.get(name).toFloatArray();
                        float[] all = three.get(name).toFloatArray();
                        assertEquals(3L * want.length, all.length, c[0] + " " + name + " has 3 rows");
                        for (int i = 0; i < want.length; i++) {
                            assertEquals(want[i], all[row * want.length + i], 1e-4 * Math.max(1, Math.abs(want[i])),
                                    c[0] + " " + name + " row " + row + " element " + i);
                        }
                    }
                }
            }
            assertEquals(original.proto(), ((OnnxModel) read((String) c[0])).proto(), "the original is unchanged");
        }
    }

    @Test
    void statisticsFromExtraOutputsEqualTheModelOutputs() {
        DataLoader loader = new RandomSamples(5, 3, 24, 24);
        Model rnet = read("onnx/mtcnn/rnet.onnx");
        Graph g = rnet.graph();
        PortRef prob = g.results().stream().filter(r -> r.name().startsWith("prob")).findFirst().orElseThrow()
                .input(0).orElseThrow();
        Node prelu = g.nodes().stream().filter(n -> n.kind().equals(OpKinds.PRELU)).findFirst().orElseThrow();
        PortRef inner = PortRef.of(prelu.name());
        try (Engine e = engine(Map.of())) {
            e.setModel(rnet);
            StatisticsRequest request = StatisticsRequest.builder().add(prob, new CollectAll())
                    .add(inner, new CollectAll()).build();
            var stats = InferenceLoop.of(e, loader).run(PredictRequest.statistics(Sampler.sequential(5, 2), request,
                    null)).statistics();
            Tensor all = stats.require(prob, "all");
            Tensor expected = e.infer(Map.of("input", batchOf(loader, 5))).get("prob");
            assertEquals(expected.shape(), all.shape());
            assertArrayEquals(expected.toFloatArray(), all.toFloatArray(), 1e-6f);
            Tensor innerAll = stats.require(inner, "all");
            assertEquals(5, innerAll.shape().dim(0));
            assertEquals(prelu.output(0).shape().withDim(0, 5), innerAll.shape(), "inferred shape of the PReLU port");
        }
    }

    @Test
    void det2IsRefusedByOnnxRuntimeNamingTheFile() {
        Path det2 = org.pot4j.testkit.TestAssets.require("onnx/mtcnn-caffe-transposed/det2.onnx");
        // the ONNX plugin already refuses det2 when reading; build the model without its view to reach ONNX Runtime
        OnnxModel raw = new OnnxModel("det2", det2, OnnxReader.read(det2).proto(), OnnxExternalData.NONE);
        try (Engine e = engine(Map.of())) {
            e.setModel(raw); // ONNX Runtime loads it; its Reshape fails when run
            EngineException ex = assertThrows(EngineException.class,
                    () -> e.infer(Map.of("input", batchOf(new RandomSamples(1, 3, 24, 24), 1))));
            assertTrue(ex.getMessage().contains("det2.onnx") && ex.getMessage().contains("Reshape"), ex.getMessage());
        }
    }

    @Test
    void gpuWithoutCudaFailsSayingWhy() {
        EngineException e = assertThrows(EngineException.class, () -> new OrtEngineFactory().create(
                new EngineSettings("GPU", Map.of()), new TestPluginContext()));
        assertTrue(e.getMessage().contains("onnxruntime-gpu") && e.getMessage().contains("plugin.zip")
                && e.getMessage().contains("--plugins-dir"), "names the GPU plugin and how to install it: "
                + e.getMessage());
    }

    @Test
    void badOptionsNameTheKey() {
        ConfigurationException unknown = assertThrows(ConfigurationException.class,
                () -> engine(Map.of("thread", 2)));
        assertEquals("thread", unknown.keyPath());
        ConfigurationException level = assertThrows(ConfigurationException.class,
                () -> engine(Map.of("optimization_level", "max")));
        assertEquals("optimization_level", level.keyPath());
        assertEquals(new OrtEngineOptions(2, 0, "extended", 0, Map.of()),
                OrtEngineOptions.from(Map.of("threads", 2, "optimization_level", "EXTENDED")));
    }

    @Test
    void nonOnnxModelsAreRefused() {
        Model other = new Model() {
            @Override public String name() { return "squeezenet"; }
            @Override public String format() { return "openvino-ir"; }
            @Override public Graph graph() { throw new UnsupportedOperationException(); }
            @Override public Model copy() { return this; }
        };
        try (Engine e = engine(Map.of())) {
            EngineException ex = assertThrows(EngineException.class, () -> e.setModel(other));
            assertTrue(ex.getMessage().contains("openvino-ir"), ex.getMessage());
        }
    }
}
