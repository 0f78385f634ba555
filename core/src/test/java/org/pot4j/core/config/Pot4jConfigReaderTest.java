package org.pot4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.error.ConfigurationException;

/** Good configurations map to the expected records with every default; bad ones fail naming the key path. */
class Pot4jConfigReaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.createDirectories(dir.resolve("models"));
        Files.createDirectories(dir.resolve("images"));
        for (String f : List.of("models/m.xml", "models/m.bin", "pnet.xml", "pnet.bin", "rnet.xml", "rnet.bin", "onet.onnx")) {
            Files.writeString(dir.resolve(f), "x");
        }
    }

    @Test
    void simplifiedModeWithCommentsAndRelativePaths() throws IOException {
        Pot4jConfig c = read("""
                {
                    // POT's simplified mode: a folder of images
                    'model': {'model_name': 'mobilenet', 'model': 'models/m.xml', 'weights': 'models/m.bin'},
                    'engine': {'type': 'simplified', 'data_source': 'images', /* passed through: */ 'threads': 2},
                    'compression': {
                        'algorithms': [
                            {'name': 'DefaultQuantization', 'params': {'preset': 'accuracy', 'stat_subset_size': 300}},
                        ]
                    }
                }
                """);
        assertEquals(dir.resolve("config.json"), c.file());
        assertEquals(new ModelConfig("mobilenet", Optional.of(dir.resolve("models/m.xml")),
                Optional.of(dir.resolve("models/m.bin")), List.of()), c.model());
        assertEquals(new EngineConfig("simplified", Optional.of(dir.resolve("images")), "CPU", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of("threads", 2)), c.engine());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("preset", "mixed");              // accuracy is renamed to mixed for ANY (POT_SPEC §2.1)
        params.put("stat_subset_size", 300);
        assertEquals(new CompressionConfig("ANY", Optional.empty(), false, true,
                List.of(new AlgorithmConfig("DefaultQuantization", params))), c.compression());
    }

    @Test
    void cascadeWithEverySettingGiven() throws IOException {
        Pot4jConfig c = read("""
                {
                  'model': {'model_name': 'mtcnn', 'cascade': [
                      {'name': 'pnet', 'model': 'pnet.xml', 'weights': 'pnet.bin'},
                      {'name': 'rnet', 'model': 'rnet.xml', 'weights': 'rnet.bin'},
                      {'name': 'onet', 'model': 'onet.onnx'}]},
                  'engine': {'type': 'mtcnn', 'device': 'GPU', 'layout': 'NCHW', 'central_fraction': 0.875,
                             'stat_requests_number': 4, 'eval_requests_number': 0, 'data_source': 'images/*.jpg',
                             'thresholds': [0.6, 0.7]},
                  'compression': {'target_device': 'GNA', 'model_type': 'None', 'dump_intermediate_model': true,
                                  'inplace_statistics': false,
                                  'algorithms': [
                      {'name': 'DefaultQuantization', 'params': {'preset': 'mixed', 'stat_batch_size': 2,
                          'ignored': {'pnet': {'scope': ['conv1', ['sub', 'conv2']]}, 'rnet': {'skip_model': true},
                                      'onet': {'operations': [{'type': 'MatMul', 'attributes': {'transpose_b': false}}]}},
                          'activations': {'bits': 16, 'mode': 'symmetric', 'granularity': 'pertensor',
                                          'range_estimator': {'max': {'type': 'abs_max', 'aggregator': 'max'}}},
                          'weights': {'range_estimator': {'preset': 'quantile', 'min': {'outlier_prob': 0.0001}}},
                          'saturation_fix': 'no', 'use_fast_bias': false, 'threshold': 1000, 'seed': 1, 'shuffle_data': true}},
                      {'name': 'SomePluginAlgorithm', 'params': {'free': {'form': [1, 2]}}}]}
                }
                """);
        assertEquals(new ModelConfig("mtcnn", Optional.empty(), Optional.empty(), List.of(
                new ModelConfig.CascadeStage("pnet", dir.resolve("pnet.xml"), Optional.of(dir.resolve("pnet.bin"))),
                new ModelConfig.CascadeStage("rnet", dir.resolve("rnet.xml"), Optional.of(dir.resolve("rnet.bin"))),
                new ModelConfig.CascadeStage("onet", dir.resolve("onet.onnx"), Optional.empty()))), c.model());
        assertTrue(c.model().isCascade());
        assertEquals(new EngineConfig("mtcnn", Optional.of(dir.resolve("images/*.jpg")), "GPU", Optional.of("NCHW"),
                Optional.of(0.875), Optional.of(4), Optional.of(0), Map.of("thresholds", List.of(0.6, 0.7))), c.engine());
        CompressionConfig comp = c.compression();
        assertEquals("GNA", comp.targetDevice());
        assertEquals(Optional.empty(), comp.modelType(), "'None' is no model type");
        assertTrue(comp.dumpIntermediateModel());
        assertEquals(false, comp.inplaceStatistics());
        AlgorithmConfig dq = comp.algorithms().get(0);
        assertEquals("accuracy", dq.params().get("preset"), "mixed is renamed to accuracy for GNA");
        assertEquals(Map.of("rnet", Map.of("skip_model", true), "pnet", Map.of("scope", List.of("conv1", List.of("sub", "conv2"))),
                "onet", Map.of("operations", List.of(Map.of("type", "MatMul", "attributes", Map.of("transpose_b", false))))),
                dq.params().get("ignored"));
        assertEquals(1000, dq.params().get("threshold"));
        assertEquals(Set.of("preset", "stat_batch_size", "ignored", "activations", "weights", "saturation_fix",
                "use_fast_bias", "threshold", "seed", "shuffle_data"), dq.params().keySet(),
                "the params as given: the compression section's keys stay beside them");
        AlgorithmConfig other = comp.algorithms().get(1);
        assertEquals(Map.of("free", Map.of("form", List.of(1, 2))), other.params(), "nothing is added to the params");
        assertEquals(new AlgorithmSettings(Map.of("free", Map.of("form", List.of(1, 2))), "GNA", Optional.empty(), true),
                comp.settings(1));
    }

    @Test
    void everyDefault() throws IOException {
        Pot4jConfig c = read("{'model': {'model_name': 'n', 'model': 'models/m.xml'}, 'engine': {},"
                + " 'compression': {'algorithms': [{'name': 'DefaultQuantization'}]}}");
        assertEquals(Optional.empty(), c.model().weights(), "weights are optional (ONNX has none)");
        assertEquals(new EngineConfig("accuracy_checker", Optional.empty(), "CPU", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of()), c.engine(), "POT's default engine type");
        assertEquals(new CompressionConfig("ANY", Optional.empty(), false, true, List.of(new AlgorithmConfig(
                "DefaultQuantization", Map.of()))), c.compression());
        assertEquals(AlgorithmSettings.of(Map.of()), c.compression().settings(0), "POT's defaults of the common keys");
        assertTrue(c.compression().inplaceStatistics(), "POT's command-line default");
    }

    @Test
    void modelTypeAndTargetDeviceReachTheSettings() throws IOException {
        Pot4jConfig c = read("{'model': {'model_name': 'n', 'model': 'models/m.xml'}, 'engine': {},"
                + " 'compression': {'model_type': 'transformer', 'target_device': 'NPU',"
                + " 'algorithms': [{'name': 'DefaultQuantization', 'params': {'preset': 'asymmetric'}}]}}");
        assertEquals(Optional.of("transformer"), c.compression().modelType());
        assertEquals(new AlgorithmSettings(Map.of("preset", "accuracy"), "NPU", Optional.of("transformer"), false),
                c.compression().settings(0), "NPU keeps accuracy; the alias is resolved by the renaming");
    }

    @Test
    void aPluginAlgorithmsParamsAreLeftAsGiven() throws IOException {
        // a third-party algorithm that rejects unknown keys sees only its own, whatever the compression section says
        Pot4jConfig c = read("{'model': {'model_name': 'n', 'model': 'models/m.xml'}, 'engine': {},"
                + " 'compression': {'target_device': 'CPU', 'dump_intermediate_model': true,"
                + " 'algorithms': [{'name': 'RangeReport', 'params': {'output': 'ranges.tsv', 'stat_subset_size': 2}}]}}");
        assertEquals(Map.of("output", "ranges.tsv", "stat_subset_size", 2), c.compression().algorithms().get(0).params());
        assertEquals("CPU", c.compression().settings(0).targetDevice());
    }

    // ---- bad configurations: each with its exact message ----

    private static final String MODEL = "'model': {'model_name': 'n', 'model': 'models/m.xml'}";
    private static final String ENGINE = "'engine': {'type': 'simplified', 'data_source': 'images'}";

    @Test
    void paramsMustBeAnObject() {
        assertError("compression.algorithms[0].params: must be an object, got 3",
                "{" + MODEL + ", " + ENGINE + ", 'compression': {'algorithms': [{'name': 'X', 'params': 3}]}}");
    }

    @Test
    void unknownModelType() {
        assertError("compression.model_type: 'cnn' is not one of None, transformer",
                "{" + MODEL + ", " + ENGINE + ", 'compression': {'model_type': 'cnn', 'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void missingWeightsFile() {
        assertError("model.weights: file not found: " + dir.resolve("models/y.bin"),
                "{'model': {'model_name': 'n', 'model': 'models/m.xml', 'weights': 'models/y.bin'}, " + ENGINE
                        + ", 'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void missingModelFileOfACascadeStage() {
        assertError("model.cascade[1].model: file not found: " + dir.resolve("missing.xml"),
                "{'model': {'model_name': 'n', 'cascade': [{'name': 'a', 'model': 'pnet.xml'}, {'name': 'b', 'model': 'missing.xml'}]}, "
                        + ENGINE + ", 'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void unknownTopLevelKey() {
        assertError("modle: unknown key (expected one of compression, engine, model)",
                "{'modle': {}, " + ENGINE + "}");
    }

    @Test
    void unknownModelKey() {
        assertError("model.wieghts: unknown key (expected one of cascade, model, model_name, weights)",
                "{'model': {'model_name': 'n', 'model': 'models/m.xml', 'wieghts': 'm.bin'}, " + ENGINE + "}");
    }

    @Test
    void wrongTypeOfDevice() {
        assertError("engine.device: must be a string, got 1",
                "{" + MODEL + ", 'engine': {'device': 1}, 'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void missingModelName() {
        assertError("model.model_name: missing required key",
                "{'model': {'model': 'models/m.xml'}, " + ENGINE + ", 'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void missingCompressionSection() {
        assertError("compression: missing required key", "{" + MODEL + ", " + ENGINE + "}");
    }

    @Test
    void unsupportedTargetDevice() {
        assertError("compression.target_device: 'TPU' is not one of ANY, CPU, CPU_SPR, GPU, NPU, VPU, GNA",
                "{" + MODEL + ", " + ENGINE + ", 'compression': {'target_device': 'TPU', 'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void simplifiedEngineNeedsADataSource() {
        assertError("engine.data_source: required by the simplified engine",
                "{" + MODEL + ", 'engine': {'type': 'simplified'}, 'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void dataSourceFolderMustExist() {
        assertError("engine.data_source: file or folder not found: " + dir.resolve("pictures"),
                "{" + MODEL + ", 'engine': {'type': 'simplified', 'data_source': 'pictures'}, "
                        + "'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void emptyAlgorithmList() {
        assertError("compression.algorithms: must list at least one algorithm",
                "{" + MODEL + ", " + ENGINE + ", 'compression': {'algorithms': []}}");
    }

    @Test
    void invalidLayoutAndCentralFraction() {
        assertError("engine.layout: 'NCWH' is not one of NCHW, NHWC, CHW, HWC",
                "{" + MODEL + ", 'engine': {'layout': 'NCWH'}, 'compression': {'algorithms': [{'name': 'X'}]}}");
        assertError("engine.central_fraction: must be in (0, 1], got 1.5",
                "{" + MODEL + ", 'engine': {'central_fraction': 1.5}, 'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void modelAndCascadeTogether() {
        assertError("model.model: not allowed with 'cascade' (each stage names its own files)",
                "{'model': {'model_name': 'n', 'model': 'models/m.xml', 'cascade': [{'name': 'a', 'model': 'pnet.xml'}]}, "
                        + ENGINE + ", 'compression': {'algorithms': [{'name': 'X'}]}}");
    }

    @Test
    void invalidJsonNamesFileLineAndColumn() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"model\": {\n    \"model_name\" \"n\"\n  }\n}\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Pot4jConfigReader.read(file));
        assertTrue(e.getMessage().startsWith(file + ": invalid JSON at line 3, column 18: "), e.getMessage());
    }

    @Test
    void duplicateKeysAreInvalid() throws IOException {
        Path file = dir.resolve("dup.json");
        Files.writeString(file, "{\"model\": {}, \"model\": {}}");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Pot4jConfigReader.read(file));
        assertTrue(e.getMessage().contains("Duplicate field 'model'"), e.getMessage());
    }

    @Test
    void missingConfigFile() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Pot4jConfigReader.read(dir.resolve("nope.json")));
        assertEquals("configuration file not found: " + dir.resolve("nope.json"), e.getMessage());
    }

    @Test
    void presetRenamingPerDevice() {
        assertEquals("mixed", Presets.forDevice("accuracy", "CPU"));
        assertEquals("mixed", Presets.forDevice("accuracy", "ANY"));
        assertEquals("mixed", Presets.forDevice("accuracy", "GPU"));
        assertEquals("mixed", Presets.forDevice("asymmetric", "CPU_SPR"), "unknown devices: accuracy -> mixed");
        assertEquals("accuracy", Presets.forDevice("accuracy", "NPU"));
        assertEquals("accuracy", Presets.forDevice("mixed", "GNA"));
        assertEquals("performance", Presets.forDevice("symmetric", "GNA"));
        assertEquals("mixed", Presets.forDevice("mixed", "CPU"));
    }

    private Pot4jConfig read(String singleQuoted) throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, singleQuoted.replace('\'', '"'));
        return Pot4jConfigReader.read(file);
    }

    private void assertError(String expected, String singleQuoted) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> read(singleQuoted));
        assertEquals(expected, e.getMessage());
    }
}
