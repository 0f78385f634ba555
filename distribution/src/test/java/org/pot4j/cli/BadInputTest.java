package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mistake a user can make gets one clear line and the right exit code, and writes nothing. */
class BadInputTest {
    @TempDir
    Path tmp;

    private String images() {
        return CliRun.repoRoot().resolve("samples/images").toString();
    }

    @Test
    void missingModelFileIsAUsageError() {
        Path missing = tmp.resolve("nope.xml");
        CliRun r = CliRun.asLauncher("quantize", "-m", missing.toString(), "--data", images(),
                "--output-dir", tmp.resolve("out").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: model file not found: " + missing + "\n"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void missingDataFolderIsAUsageError() {
        CliRun r = CliRun.asLauncher("quantize", "-m", CliRun.squeezenet().toString(), "--data",
                tmp.resolve("nothing-here").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--data: file or folder not found: "), r.err());
    }

    @Test
    void unknownEngineNameListsTheEngines() {
        CliRun r = CliRun.of("quantize", "-m", CliRun.squeezenet().toString(), "--data", images(), "--engine", "nope",
                "--output-dir", tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: no engine named 'nope' (available: "), r.err());
        assertTrue(r.err().contains("reference"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug:\n" + r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun r = CliRun.of("quantize", "--debug", "-m", CliRun.squeezenet().toString(), "--data", images(),
                "--engine", "nope", "--output-dir", tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("\tat org.pot4j.core.plugin.PluginRegistry"), r.err());
    }

    @Test
    void emptyDataFolderNamesTheFolder() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "not an image");
        CliRun r = CliRun.of("quantize", "-m", CliRun.squeezenet().toString(), "--data", empty.toString(),
                "--output-dir", tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(empty.toString()), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void unknownPresetListsThePresets() {
        CliRun r = CliRun.asLauncher("quantize", "-m", CliRun.squeezenet().toString(), "--data", images(),
                "--preset", "fast");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: Invalid value for option '--preset': expected one of "
                + "[performance, mixed, accuracy] (case-sensitive) but was 'fast'"), r.err());
    }

    @Test
    void unknownTargetDeviceListsTheDevices() {
        CliRun r = CliRun.asLauncher("quantize", "-m", CliRun.squeezenet().toString(), "--data", images(),
                "--target-device", "TPU");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("expected one of [ANY, CPU, GPU, NPU, VPU, GNA]"), r.err());
    }

    @Test
    void configErrorNamesTheKeyPath() throws IOException {
        Path config = config("""
                {"model": {"model_name": "sq", "model": "%s"},
                 "engine": {"type": "simplified", "data_source": "%s"},
                 "compression": {"algorithms": [{"name": "DefaultQuantization", "params": {"preset": "fast"}}]}}
                """.formatted(CliRun.squeezenet(), images()));
        CliRun r = CliRun.of("run", "-c", config.toString(), "--output-dir", tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: compression.algorithms[0].params.preset: "), r.err());
        assertTrue(r.err().contains("fast"), r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void accuracyCheckerEngineIsRefusedWithAHint() throws IOException {
        Path config = config("""
                {"model": {"model_name": "sq", "model": "%s"},
                 "engine": {"config": "ac.yml"},
                 "compression": {"algorithms": [{"name": "DefaultQuantization"}]}}
                """.formatted(CliRun.squeezenet()));
        CliRun r = CliRun.of("run", "-c", config.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: engine.type: 'accuracy_checker' (POT's default) is not supported"),
                r.err());
        assertTrue(r.err().contains("\"type\": \"simplified\""), r.err());
    }

    @Test
    void unknownEngineTypeListsTheChoices() throws IOException {
        Path config = config("""
                {"model": {"model_name": "sq", "model": "%s"},
                 "engine": {"type": "openvino", "data_source": "%s"},
                 "compression": {"algorithms": [{"name": "DefaultQuantization"}]}}
                """.formatted(CliRun.squeezenet(), images()));
        CliRun r = CliRun.of("run", "-c", config.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: engine.type: unknown engine type 'openvino' (use simplified or an"
                + " engine: "), r.err());
    }

    /** A cascade needs a cascade engine (such as "mtcnn"); the simplified engine runs single models. */
    @Test
    void cascadeWithASingleModelEngineIsRefused() throws IOException {
        Path config = config("""
                {"model": {"model_name": "mtcnn", "cascade": [{"name": "pnet", "model": "%1$s"},
                                                              {"name": "rnet", "model": "%1$s"}]},
                 "engine": {"type": "simplified", "data_source": "%2$s"},
                 "compression": {"algorithms": [{"name": "DefaultQuantization"}]}}
                """.formatted(CliRun.squeezenet(), images()));
        CliRun r = CliRun.of("run", "-c", config.toString(), "--output-dir", tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals("error: model 'mtcnn' is a cascade of 2 models; the reference engine runs single models "
                + "(use a cascade engine)", lines.get(0));
        // the run had made its folders: a failure leaves no folder holding only a log.txt, the log is kept elsewhere
        assertFalse(Files.exists(tmp.resolve("out")), "the run's folders are removed");
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(1).startsWith("the log of this failed run: "), lines.get(1));
        Path log = Path.of(lines.get(1).substring("the log of this failed run: ".length()));
        try {
            assertTrue(Files.readString(log).contains(" ERROR model 'mtcnn' is a cascade of 2 models"), log.toString());
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Test
    void missingConfigFileIsAUsageError() {
        CliRun r = CliRun.asLauncher("run", "-c", tmp.resolve("none.json").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: configuration file not found: "), r.err());
    }

    @Test
    void invalidJsonNamesLineAndColumn() throws IOException {
        Path config = config("{\"model\": {\n  \"model_name\": }");
        CliRun r = CliRun.of("run", "-c", config.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: " + config + ": invalid JSON at line 2"), r.err());
    }

    @Test
    void unknownAlgorithmListsTheAlgorithms() {
        CliRun r = CliRun.of("quantize", "-m", CliRun.squeezenet().toString(), "--data", images(),
                "--algorithm", "Magic", "--output-dir", tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: no algorithm named 'Magic' (available: "), r.err());
    }

    @Test
    void modelFileOfNoKnownFormatListsTheFormats() throws IOException {
        Path model = Files.writeString(tmp.resolve("model.pb"), "not a model");
        CliRun r = CliRun.of("quantize", "-m", model.toString(), "--data", images(),
                "--output-dir", tmp.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: no model format recognises " + model + " (available: "), r.err());
        assertTrue(r.err().contains("openvino-ir (.xml)"), r.err());
    }

    @Test
    void evaluateNeedsSomethingToMeasure() {
        CliRun r = CliRun.asLauncher("evaluate", "-m", CliRun.squeezenet().toString(), "--data", images());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: nothing to measure: give --labels FILE"), r.err());
    }

    @Test
    void subsetSizeMustBePositive() {
        CliRun r = CliRun.asLauncher("quantize", "-m", CliRun.squeezenet().toString(), "--data", images(),
                "--subset-size", "0");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: --subset-size must be at least 1, got 0"), r.err());
    }

    private Path config(String json) throws IOException {
        return Files.writeString(tmp.resolve("config.json"), json);
    }
}
