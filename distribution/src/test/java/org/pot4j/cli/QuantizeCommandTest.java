package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.core.plugin.ExtensionKind;
import org.pot4j.core.plugin.PluginRegistry;

/** POT's simplified mode end to end on squeezenet1.1 (samples/ copy) with a few calibration images. */
class QuantizeCommandTest {
    @TempDir
    Path tmp;

    static void assumeDefaultQuantization() {
        PluginRegistry registry = PluginRegistry.discover(QuantizeCommandTest.class.getClassLoader());
        Assumptions.assumeTrue(registry.names(ExtensionKind.ALGORITHM).contains("DefaultQuantization"),
                "the DefaultQuantization plugin is not installed yet");
    }

    /** A few ImageNet samples when the shared assets are there, else the sample photos. */
    static String calibrationImages() {
        Path imagenet = Path.of(System.getProperty("pot4j.assets", "../../shared/assets"))
                .resolve("images/imagenet-samples/images");
        return (Files.isDirectory(imagenet) ? imagenet : CliRun.repoRoot().resolve("samples/images")).toString();
    }

    @Test
    void writesPotLayoutWithInt8WeightsAndLeavesTheInputAlone() throws IOException {
        assumeDefaultQuantization();
        Path xml = CliRun.squeezenet();
        Path bin = xml.resolveSibling("squeezenet1.1.bin");
        String xmlHash = Hashes.of(xml);
        String binHash = Hashes.of(bin);
        Path out = tmp.resolve("results");

        CliRun r = CliRun.of("quantize", "-m", xml.toString(), "--data", calibrationImages(), "--subset-size", "8",
                "--mean", "0,0,0", "--output-dir", out.toString());

        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("Saved: (.*/squeezenet1\\.1_DefaultQuantization/"
                + "(\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2})/optimized/squeezenet1\\.1\\.xml)").matcher(r.lastLine());
        assertTrue(m.matches(), "last line: " + r.lastLine());
        Path saved = Path.of(m.group(1));
        assertTrue(saved.startsWith(out.toAbsolutePath()), saved.toString());
        Path stampDir = saved.getParent().getParent();
        assertEquals(List.of("log.txt", "optimized"), names(stampDir), "only the log and the model, no temp folder");
        assertEquals(List.of("squeezenet1.1.bin", "squeezenet1.1.xml"), names(saved.getParent()));

        String ir = Files.readString(saved);
        assertTrue(ir.contains("type=\"FakeQuantize\""), "FakeQuantize layers");
        assertTrue(ir.contains("element_type=\"i8\""), "int8 weights");
        assertTrue(ir.contains("<quantization_parameters>") && ir.contains("<cli_params value=\"pot4j quantize -m "),
                "the run is recorded in the model");
        assertTrue(Files.size(saved.resolveSibling("squeezenet1.1.bin")) < Files.size(bin),
                "int8 weights take less room than FP16");
        String log = Files.readString(stampDir.resolve("log.txt"));
        assertTrue(log.contains(" INFO Running DefaultQuantization on squeezenet1.1"), log);
        assertTrue(log.contains("\"stat_subset_size\":8"), "the configuration is logged:\n" + log);

        assertEquals(xmlHash, Hashes.of(xml), "the input .xml is unchanged");
        assertEquals(binHash, Hashes.of(bin), "the input .bin is unchanged");
    }

    @Test
    void directDumpKeepsFloatWeightsWhenAskedAndRefusesToOverwriteItsInput() throws IOException {
        assumeDefaultQuantization();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("quantize", "-m", CliRun.squeezenet().toString(), "--data",
                CliRun.repoRoot().resolve("samples/images").toString(), "--subset-size", "2", "--mean", "0,0,0",
                "-d", "--keep-uncompressed-weights", "--output-dir", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Path saved = out.toAbsolutePath().resolve("optimized/squeezenet1.1.xml");
        assertEquals("Saved: " + saved, r.lastLine());
        assertTrue(Files.isRegularFile(out.resolve("log.txt")));
        String ir = Files.readString(saved);
        assertTrue(ir.contains("type=\"FakeQuantize\""));
        assertFalse(ir.contains("element_type=\"i8\""), "weights kept as floats");

        String hash = Hashes.of(saved);
        CliRun again = CliRun.of("quantize", "-m", saved.toString(), "--data",
                CliRun.repoRoot().resolve("samples/images").toString(), "-d", "--output-dir", out.toString());
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().startsWith("error: refusing to write into " + saved.getParent()), again.err());
        assertEquals(hash, Hashes.of(saved), "the earlier result, now an input, is unchanged");
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
