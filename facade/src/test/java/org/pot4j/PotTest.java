package org.pot4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.Pot4jException;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.testkit.TestAssets;

/** POT's six steps through the facade, on the embedded sample model and photos, and the errors it gives. */
class PotTest {
    private static final Path SAMPLES = Path.of("..", "samples").toAbsolutePath().normalize();
    private static final Path XML = SAMPLES.resolve("squeezenet1.1/squeezenet1.1.xml");
    private static final Path BIN = SAMPLES.resolve("squeezenet1.1/squeezenet1.1.bin");

    @TempDir
    Path tmp;

    private static DataLoader photos(List<Integer> inputShape) {
        return ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", SAMPLES.resolve("images").toString(), "input_shape", inputShape)));
    }

    @Test
    void sixStepsQuantizeAnIrAndSaveItAsPotDoes() throws IOException {
        Model model = Pot.loadModel(Map.of("model_name", "squeezenet", "model", XML, "weights", BIN.toString()));
        assertEquals("squeezenet", model.name());
        try (PotEngine engine = Pot.createEngine(Map.of("device", "CPU"), photos(List.of(1, 3, 227, 227)))) {
            assertEquals("reference", engine.engine().name());
            Pipeline pipeline = Pot.createPipeline(List.of(Map.of("name", "DefaultQuantization",
                    "params", Map.of("target_device", "ANY", "preset", "performance", "stat_subset_size", 3))), engine);
            Model compressed = pipeline.run(model);
            assertTrue(compressed.graph().nodes().stream().anyMatch(n -> n.kind().equals(OpKinds.FAKE_QUANTIZE)));
            assertTrue(Pot.compressModelWeights(compressed) > 20, "every Convolution's weights become int8");
            List<SavedModel> saved = Pot.saveModel(compressed, tmp.resolve("optimized_model"), "optimized_model");
            assertEquals(List.of(new SavedModel("optimized_model", tmp.resolve("optimized_model/optimized_model.xml"),
                    Optional.of(tmp.resolve("optimized_model/optimized_model.bin")))), saved);
            assertTrue(Files.size(saved.get(0).weights().get()) < Files.size(BIN), "int8 weights are smaller");
            String xml = Files.readString(saved.get(0).model());
            int config = xml.indexOf("<config>");
            assertTrue(config > 0 && config < xml.indexOf("<version value=", config),
                    "quantization_parameters in POT's order, the same in every run");
            Model reloaded = Pot.loadModel(Map.of("model_name", "q", "model", saved.get(0).model()));
            assertTrue(reloaded.graph().nodes().stream().anyMatch(n -> n.kind().equals(OpKinds.FAKE_QUANTIZE)));
        }
    }

    @Test
    void accuracyAwareQuantizationRunsThroughTheSamePipelineLabelFree() {
        Model model = Pot.loadModel(Map.of("model_name", "squeezenet", "model", XML));
        try (PotEngine engine = Pot.createEngine(Map.of("type", "simplified"), photos(List.of(1, 3, 227, 227)))) {
            // no metric on the engine: the FP32 model's own top-1 calls are the reference; a drop of 1.0 is always met
            Model quantized = Pot.createPipeline(List.of(Map.of("name", "AccuracyAwareQuantization",
                    "params", Map.of("maximal_drop", 1.0, "stat_subset_size", 3, "preset", "performance"))), engine)
                    .run(model);
            assertTrue(quantized.graph().nodes().stream().anyMatch(n -> n.kind().equals(OpKinds.FAKE_QUANTIZE)),
                    "DefaultQuantization's result is kept when the drop is within maximal_drop");
        }
    }

    @Test
    void onnxModelsGoThroughTheSameStepsOnOnnxRuntime() {
        Path onnx = TestAssets.require("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx");
        Path images = TestAssets.require("images/imagenet-samples/images");
        Model model = Pot.loadModel(Map.of("model_name", "mobilenet", "model", onnx));
        DataLoader data = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", images.toString(),
                "input_shape", List.of(1, 3, 128, 128), "color_order", "RGB", "mean", 127.5, "scale", 127.5)));
        try (PotEngine engine = Pot.createEngine(Map.of("type", "onnxruntime"), data)) {
            Model quantized = Pot.createPipeline(List.of(Map.of("name", "DefaultQuantization",
                    "params", Map.of("stat_subset_size", 4))), engine).run(model);
            Pot.compressModelWeights(quantized);
            List<SavedModel> saved = Pot.saveModel(quantized, tmp);
            assertEquals(tmp.resolve("mobilenet.onnx"), saved.get(0).model());
            assertTrue(Files.isRegularFile(saved.get(0).model()));
        }
    }

    @Test
    void aCascadeIsReadStageByStageAndSavedAsModelNameUnderscoreStage() {
        Model cascade = Pot.loadModel(Map.of("model_name", "pair", "cascade", List.of(
                Map.of("name", "first", "model", XML), Map.of("name", "second", "model", XML, "weights", BIN))));
        assertTrue(cascade.isCascade());
        List<SavedModel> saved = Pot.saveModel(cascade, tmp, "pair");
        assertEquals(List.of("first", "second"), saved.stream().map(SavedModel::name).toList());
        assertEquals(tmp.resolve("pair_second.xml"), saved.get(1).model());
        assertEquals(Optional.of(tmp.resolve("pair_second.bin")), saved.get(1).weights());
    }

    @Test
    void mistakesNameTheKeyAsPotsConfigurationDoes() {
        assertKey("model.model", () -> Pot.loadModel(Map.of("model_name", "m", "model", tmp.resolve("none.xml"))));
        assertKey("model.model_name", () -> Pot.loadModel(Map.of("model", XML)));
        assertKey("model.weights", () -> Pot.loadModel(Map.of("model_name", "m", "model", XML, "weights", 3)));
        assertKey("engine.type", () -> Pot.createEngine(Map.of("type", "openvino"), photos(List.of(1, 3, 227, 227))));
        assertKey("engine.data_source", () -> Pot.createEngine(Map.of("data_source", SAMPLES.toString()),
                photos(List.of(1, 3, 227, 227))));
        try (PotEngine engine = Pot.createEngine(Map.of(), photos(List.of(1, 3, 227, 227)))) {
            assertKey("compression.algorithms[0].params.stat_subset_size", () -> Pot.createPipeline(List.of(
                    Map.of("name", "DefaultQuantization", "params", Map.of("stat_subset_size", -1))), engine));
            assertKey("compression.algorithms[0].params.target_device", () -> Pot.createPipeline(List.of(
                    Map.of("name", "DefaultQuantization", "params", Map.of("target_device", "TPU"))), engine));
            assertKey("compression.algorithms[1].params", () -> Pot.createPipeline(List.of(
                    Map.of("name", "DefaultQuantization", "params", Map.of("target_device", "CPU")),
                    Map.of("name", "DefaultQuantization", "params", Map.of("target_device", "GPU"))), engine));
            assertKey("compression.algorithms[0].params.bogus", () -> Pot.createPipeline(List.of(
                    Map.of("name", "DefaultQuantization", "params", Map.of("bogus", 1))), engine));
        }
        Model model = Pot.loadModel(Map.of("model_name", "m", "model", XML));
        assertKey("model_name", () -> Pot.saveModel(model, tmp, "../escape"));
        assertKey("model_name", () -> Pot.saveModel(model, tmp, "/abs/x"));
        assertFalse(Files.exists(tmp.resolve("../escape.xml")));
    }

    @Test
    void aSaveNeverReplacesTheModelItWasReadFrom() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("model"));
        Path xml = Files.copy(XML, folder.resolve("net.xml"));
        Files.copy(BIN, folder.resolve("net.bin"));
        byte[] before = Files.readAllBytes(xml);
        Model model = Pot.loadModel(Map.of("model_name", "net", "model", xml.toString()));
        Pot4jException e = assertThrows(Pot4jException.class, () -> Pot.saveModel(model, folder, "net"));
        assertTrue(e.getMessage().contains("refusing to overwrite the input file"), e.getMessage());
        assertEquals(List.of("net.bin", "net.xml"), listNames(folder));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(xml)));
        assertEquals(List.of("model"), listNames(tmp), "no temporary folder left behind");
    }

    private static List<String> listNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertKey(String key, org.junit.jupiter.api.function.Executable call) {
        ConfigurationException e = assertThrows(ConfigurationException.class, call);
        assertEquals(key, e.keyPath(), e.getMessage());
    }
}
