package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.core.plugin.ExtensionKind;
import org.pot4j.core.plugin.PluginRegistry;

/** {@code pot4j run -c config.json}: POT's JSON configuration end to end. */
class RunCommandTest {
    @TempDir
    Path tmp;

    @Test
    void potConfigOnAnOnnxModel() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        Assumptions.assumeTrue(registry.names(ExtensionKind.MODEL_FORMAT).contains("onnx"), "no onnx format plugin");
        Path onet = CliRun.assets().resolve("onnx/mtcnn/onet.onnx");
        Assumptions.assumeTrue(Files.isRegularFile(onet), onet + " not found");
        String hash = Hashes.of(onet);
        // relative paths are resolved against the configuration's folder, as POT does; comments are allowed
        Path config = Files.writeString(tmp.resolve("onet_int8.json"), """
                {
                  /* MTCNN O-Net: RGB, (x - 127.5) / 128 */
                  "model": {"model_name": "onet", "model": "%s"},
                  "engine": {"type": "simplified", "data_source": "%s",
                             "color_order": "RGB", "mean": 127.5, "scale": 128},
                  "compression": {"target_device": "CPU",
                                  "algorithms": [{"name": "DefaultQuantization",
                                                  "params": {"preset": "mixed", "stat_subset_size": 4}}]}
                }
                """.formatted(onet, CliRun.repoRoot().resolve("samples/images")));
        Path out = tmp.resolve("results");

        CliRun r = CliRun.of("run", "-c", config.toString(), "--output-dir", out.toString());

        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("Saved: (.*/onet_DefaultQuantization/[0-9_-]{19}/optimized/onet\\.onnx)")
                .matcher(r.lastLine());
        assertTrue(m.matches(), r.lastLine());
        Path saved = Path.of(m.group(1));
        String bytes = new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("QuantizeLinear") && bytes.contains("DequantizeLinear"), "QDQ pairs in the ONNX");
        assertTrue(bytes.contains("pot4j run -c "), "the command line is recorded in metadata_props");
        String log = Files.readString(saved.getParent().getParent().resolve("log.txt"));
        assertTrue(log.contains("\"preset\":\"mixed\""), "the configuration file is logged:\n" + log);
        assertTrue(log.contains("FakeQuantize inserted"), "the algorithm's own log lines are kept:\n" + log);
        assertEquals(hash, Hashes.of(onet), "the input model is unchanged");
    }

    @Test
    void potConfigOnAnIrModelWithAnEngineNamedAsType() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path xml = CliRun.squeezenet();
        Path config = Files.writeString(tmp.resolve("sq.json"), """
                {"model": {"model_name": "sq11", "model": "%s", "weights": "%s"},
                 "engine": {"type": "reference", "data_source": "%s", "threads": 1},
                 "compression": {"algorithms": [{"name": "DefaultQuantization", "params": {"stat_subset_size": 2}}]}}
                """.formatted(xml, xml.resolveSibling("squeezenet1.1.bin"), CliRun.repoRoot().resolve("samples/images")));
        Path out = tmp.resolve("out");

        CliRun r = CliRun.of("run", "-c", config.toString(), "--output-dir", out.toString(), "-d");

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Saved: " + out.toAbsolutePath().resolve("optimized/sq11.xml"), r.lastLine());
        assertTrue(Files.isRegularFile(out.resolve("optimized/sq11.bin")));
        assertTrue(r.out().contains("Engine: reference on CPU {threads=1}"), "extra engine keys go to the engine:\n"
                + r.out());
    }

    /**
     * A third-party algorithm (the template's RangeReport, from the example plugin's jar dropped into a plugins folder)
     * named in a POT configuration with its own params: the compression section's target_device is not put among
     * them, so the algorithm's check for unknown keys passes.
     */
    @Test
    void potConfigWithAPluginAlgorithm() throws IOException {
        Path plugins = CommandLineInputsTest.examplePluginFolder(tmp);
        Path xml = CliRun.squeezenet();
        Path report = tmp.resolve("ranges.tsv");
        Path config = Files.writeString(tmp.resolve("ranges.json"), """
                {"model": {"model_name": "sq11", "model": "%s", "weights": "%s"},
                 "engine": {"type": "simplified", "data_source": "%s"},
                 "compression": {"target_device": "CPU", "dump_intermediate_model": false,
                                 "algorithms": [{"name": "RangeReport",
                                                 "params": {"output": "%s", "stat_subset_size": 2}}]}}
                """.formatted(xml, xml.resolveSibling("squeezenet1.1.bin"), CliRun.repoRoot().resolve("samples/images"),
                report));
        Path out = tmp.resolve("out");

        CliRun r = CliRun.of("--plugins-dir", plugins.toString(), "run", "-c", config.toString(), "--output-dir",
                out.toString(), "-d");

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Saved: " + out.toAbsolutePath().resolve("optimized/sq11.xml"), r.lastLine());
        java.util.List<String> lines = Files.readAllLines(report);
        assertEquals("port\tmin\tmax", lines.get(0));
        assertTrue(lines.size() > 50, "a range per float tensor of squeezenet: " + lines.size());
        String log = Files.readString(out.resolve("log.txt"));
        assertTrue(log.contains("target device CPU"), log);
    }

    @Test
    void aBadAlgorithmParamIsNamedFromTheConfigurationsRoot() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path xml = CliRun.squeezenet();
        Path config = Files.writeString(tmp.resolve("bad.json"), """
                {"model": {"model_name": "sq11", "model": "%s"},
                 "engine": {"type": "simplified", "data_source": "%s"},
                 "compression": {"algorithms": [{"name": "DefaultQuantization", "params": {"stat_subset_size": 0}}]}}
                """.formatted(xml, CliRun.repoRoot().resolve("samples/images")));

        CliRun r = CliRun.of("run", "-c", config.toString(), "--output-dir", tmp.resolve("out").toString());

        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: compression.algorithms[0].params.stat_subset_size: must be at least 1,"
                + " got 0"), r.err());
        assertTrue(Files.notExists(tmp.resolve("out")), "nothing is written before the algorithms are created");
    }

    /** POT_SPEC §14: {@code model.cascade} quantized stage by stage with the MT-CNN cascade engine. */
    @Test
    void potConfigOnTheMtcnnCascade() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        Assumptions.assumeTrue(registry.findEngine("mtcnn").isPresent(), "no mtcnn engine plugin");
        Path mtcnn = CliRun.assets().resolve("onnx/mtcnn");
        Path portraits = CliRun.assets().resolve("images/faces/portraits");
        Assumptions.assumeTrue(Files.isDirectory(mtcnn) && Files.isDirectory(portraits), mtcnn + " not found");
        Path config = Files.writeString(tmp.resolve("mtcnn.json"), """
                {
                  "model": {"model_name": "mtcnn", "cascade": [
                    {"name": "pnet", "model": "%1$s/pnet.onnx"},
                    {"name": "rnet", "model": "%1$s/rnet.onnx"},
                    {"name": "onet", "model": "%1$s/onet.onnx"}]},
                  "engine": {"type": "mtcnn", "data_source": "%2$s", "color_order": "RGB", "layout": "CHW",
                             "delegate": "onnxruntime", "delegate_options": {"threads": 1}},
                  "compression": {"target_device": "CPU",
                                  "algorithms": [{"name": "DefaultQuantization",
                                                  "params": {"preset": "mixed", "stat_subset_size": 3,
                                                             "ignored": {"rnet": {"skip_model": true}}}}]}
                }
                """.formatted(mtcnn, portraits));
        Path out = tmp.resolve("cascade");

        CliRun r = CliRun.of("run", "-c", config.toString(), "--output-dir", out.toString(), "-d");

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Saved: " + out.toAbsolutePath().resolve("optimized/mtcnn_pnet.onnx"), r.lastLine());
        for (String stage : new String[] {"pnet", "rnet", "onet"}) {
            Path saved = out.resolve("optimized/mtcnn_" + stage + ".onnx");
            assertTrue(Files.isRegularFile(saved), saved + " written");
            String bytes = new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1);
            // rnet is skipped through its own ignored scope, the other stages are quantized
            assertEquals(!stage.equals("rnet"), bytes.contains("DequantizeLinear"), stage + " quantized");
        }
    }
}
