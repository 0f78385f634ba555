package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POT's command lines (POT_SPEC §13) as POT users type them: {@code -q ...} and {@code -c ...}, with POT's rules. */
class PotCommandLineTest {
    @TempDir
    Path tmp;

    private static Path xml() {
        return CliRun.squeezenet();
    }

    private static Path bin() {
        return xml().resolveSibling("squeezenet1.1.bin");
    }

    private static String images() {
        return CliRun.repoRoot().resolve("samples/images").toString();
    }

    @Test
    void potQuantizeCommandLineRunsUnchanged() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path out = tmp.resolve("OUT");
        CliRun r = CliRun.asLauncher("-q", "default", "-m", xml().toString(), "-w", bin().toString(), "--engine",
                "simplified", "--data-source", images(), "--output-dir", out.toString());

        assertEquals(0, r.exitCode(), r.toString());
        Matcher m = Pattern.compile("Saved: (.*/squeezenet1\\.1_DefaultQuantization/\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d"
                + "/optimized/squeezenet1\\.1\\.xml)").matcher(r.lastLine());
        assertTrue(m.matches(), r.lastLine());
        Path saved = Path.of(m.group(1));
        assertTrue(saved.startsWith(out.toAbsolutePath()) && Files.isRegularFile(saved), saved.toString());
        assertTrue(r.out().contains("Engine: reference on CPU"), "simplified is the default engine:\n" + r.out());
        String log = Files.readString(saved.getParent().resolveSibling("log.txt"));
        // POT's template of -q default: preset performance, stat_subset_size 300
        assertTrue(log.contains("algorithm DefaultQuantization params {preset=performance, stat_subset_size=300}"), log);
        assertTrue(log.contains("command line: pot4j quantize -q default -m "), log);
        // the sample folder's README is not taken, and that is said
        assertTrue(log.contains(" WARNING org.pot4j.data.image: folder " + images() + ": 1 file without an image"
                + " extension: SKIMAGE_README.txt, not used as samples"), log);
    }

    @Test
    void potConfigCommandLineRunsUnchangedWithPotsCommonOptions() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path config = Files.writeString(tmp.resolve("config.json"), """
                {
                  /* POT's simplified mode on the sample photos */
                  "model": {"model_name": "squeezenet1.1", "model": "%s", "weights": "%s"},
                  "engine": {"type": "simplified", "data_source": "%s"},
                  "compression": {"algorithms": [{"name": "DefaultQuantization",
                                                  "params": {"preset": "performance", "stat_subset_size": 4}}]}
                }
                """.formatted(xml(), bin(), images()));
        Path out = tmp.resolve("results");
        CliRun r = CliRun.asLauncher("-c", config.toString(), "-e", "--output-dir", out.toString(), "-d",
                "--log-level", "INFO", "--progress-bar", "--stream-output", "--keep-uncompressed-weights");

        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Saved: " + out.toAbsolutePath().resolve("optimized/squeezenet1.1.xml"), r.lastLine());
        assertFalse(r.out().contains("Loading model"), "--progress-bar keeps the console to the result:\n" + r.out());
        String log = Files.readString(out.resolve("log.txt"));
        assertTrue(log.contains(" INFO Loading model " + xml()), log);
        assertFalse(Files.readString(out.resolve("optimized/squeezenet1.1.xml")).contains("element_type=\"i8\""),
                "--keep-uncompressed-weights");
        // -e without labels: the INT8 model's agreement with the FP32 model
        Matcher m = Pattern.compile("(?s).* INFO   top-1 agreement with FP32: \\d+\\.\\d\\d % \\((\\d+) of 10\\)\n.*")
                .matcher(log);
        assertTrue(m.matches(), log);
        assertTrue(Integer.parseInt(m.group(1)) >= 5, "a sane INT8 model mostly agrees with FP32:\n" + log);
        assertTrue(log.contains("the samples have no labels"), log);
    }

    @Test
    void logLevelWarningKeepsTheStepsOffTheConsoleAndTheLog() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path out = tmp.resolve("quiet");
        CliRun r = CliRun.of("quantize", "-m", xml().toString(), "--data-source", images(), "--subset-size", "2",
                "--log-level", "WARNING", "-d", "--output-dir", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("Saved: " + out.toAbsolutePath().resolve("optimized/squeezenet1.1.xml"), r.out().strip(),
                "only the result on standard output");
        String log = Files.readString(out.resolve("log.txt"));
        assertFalse(log.contains(" INFO "), log);
        assertTrue(log.contains(" WARNING org.pot4j.data.image: folder "), "warnings are kept:\n" + log);
    }

    @Test
    void exactlyOneOfConfigAndQuantize() {
        CliRun r = CliRun.asLauncher("-c", "config.json", "-q", "default", "-m", "m.xml");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: give either -c CONFIG (run a POT configuration) or -q default|"
                + "accuracy_aware (quantize a model), not both, as POT"), r.err());
    }

    @Test
    void quantizeNeedsTheWeightsOfAnIrAndAnEngineAsPot() {
        CliRun noWeights = CliRun.asLauncher("-q", "default", "-m", xml().toString(), "--engine", "simplified",
                "--data-source", images());
        assertEquals(2, noWeights.exitCode(), noWeights.toString());
        assertTrue(noWeights.err().startsWith("error: -q needs the weights of the IR too, as POT: -w squeezenet1.1.bin"),
                noWeights.err());

        CliRun noEngine = CliRun.asLauncher("-q", "default", "-m", xml().toString(), "-w", bin().toString(),
                "--data-source", images());
        assertEquals(2, noEngine.exitCode(), noEngine.toString());
        assertTrue(noEngine.err().startsWith("error: -q needs --engine simplified --data-source DIR, as POT"),
                noEngine.err());

        CliRun noData = CliRun.asLauncher("-q", "default", "-m", xml().toString(), "-w", bin().toString(),
                "--engine", "simplified");
        assertEquals(2, noData.exitCode(), noData.toString());
        assertTrue(noData.err().startsWith("error: missing --data-source DIR"), noData.err());

        CliRun badMethod = CliRun.asLauncher("-q", "fast", "-m", xml().toString());
        assertEquals(2, badMethod.exitCode(), badMethod.toString());
        assertTrue(badMethod.err().contains("expected one of [default, accuracy_aware] but was 'fast'"),
                badMethod.err());
    }

    @Test
    void accuracyAwareNeedsMaxDropAndRunsAccuracyAwareQuantization() {
        CliRun noDrop = CliRun.asLauncher("-q", "accuracy_aware", "-m", xml().toString(), "-w", bin().toString(),
                "--engine", "simplified", "--data-source", images());
        assertEquals(2, noDrop.exitCode(), noDrop.toString());
        assertTrue(noDrop.err().startsWith("error: -q accuracy_aware needs --max-drop D"), noDrop.err());

        // a drop of 1 (label-free: top-1 agreement with FP32) is met by DefaultQuantization's model: no revert
        Path out = tmp.resolve("out");
        CliRun r = CliRun.asLauncher("-q", "accuracy_aware", "-m", xml().toString(), "-w", bin().toString(),
                "--engine", "simplified", "--data-source", images(), "--max-drop", "1", "--subset-size", "10",
                "--output-dir", out.toString(), "-d");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Running AccuracyAwareQuantization on "), r.out());
        assertTrue(r.lastLine().startsWith("Saved: ") && Files.isRegularFile(Path.of(r.lastLine().substring(7))),
                r.toString());
    }

    @Test
    void theAccuracyCheckerIsRefusedWithWhatToUseInstead() throws IOException {
        Path ac = Files.writeString(tmp.resolve("ac.yml"), "models: []\n");
        CliRun r = CliRun.asLauncher("-q", "default", "-m", xml().toString(), "-w", bin().toString(), "--ac-config",
                ac.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: --ac-config " + ac + ": pot4j has no Accuracy Checker"), r.err());
        assertTrue(r.err().contains("--engine simplified --data-source DIR"), r.err());

        CliRun engine = CliRun.asLauncher("quantize", "-m", xml().toString(), "--engine", "accuracy_checker",
                "--data", images());
        assertEquals(2, engine.exitCode(), engine.toString());
        assertTrue(engine.err().startsWith("error: --engine accuracy_checker: pot4j has no Accuracy Checker"),
                engine.err());
    }

    @Test
    void topLevelHelpShowsBothStyles() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Usage: pot4j [-hV] [--debug] [--plugins-dir=DIR] COMMAND [OPTIONS]"), r.out());
        assertTrue(r.out().contains("  pot4j -q default|accuracy_aware -m MODEL.xml -w MODEL.bin"), r.out());
        assertTrue(r.out().contains("(--ac-config AC.yml | --engine simplified --data-source DIR)"), r.out());
        assertTrue(r.out().contains("  pot4j -c CONFIG.json [COMMON]"), r.out());
        assertTrue(r.out().contains("[-e] [--output-dir DIR] [-d] [--log-level LEVEL] [--progress-bar]"), r.out());
    }
}
