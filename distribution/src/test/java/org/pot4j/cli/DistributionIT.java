package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled distribution: its layout, and bin/pot4j run as a user runs it. */
class DistributionIT {
    @TempDir
    Path tmp;

    private static Path home() {
        Path home = Path.of(System.getProperty("pot4j.distribution.dir", "target/pot4j-unknown"));
        Assumptions.assumeTrue(Files.isDirectory(home), "no assembled distribution at " + home);
        return home;
    }

    private record Result(int code, String out, String err) { }

    private Result pot4j(String... args) throws IOException, InterruptedException {
        return pot4jIn(tmp, args);
    }

    /** {@code bin/pot4j args...} run in {@code directory}, as a user in that folder types it. */
    private Result pot4jIn(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home().resolve("bin/pot4j").toString()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/pot4j finished");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void layoutHasLauncherLibrariesAndAnEmptyPluginsFolder() throws IOException {
        Path home = home();
        assertTrue(Files.isExecutable(home.resolve("bin/pot4j")));
        assertTrue(Files.isRegularFile(home.resolve("plugins/README.md")));
        for (String jar : new String[] {"pot4j-api-", "pot4j-core-", "pot4j-distribution-", "pot4j-openvino-ir-",
                "pot4j-onnx-", "pot4j-engine-reference-", "pot4j-dataloader-image-", "pot4j-default-quantization-",
                "picocli-", "pf4j-"}) {
            try (var files = Files.list(home.resolve("lib"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(jar)), jar + " in lib/");
            }
        }
        Path target = home.getParent();
        String name = home.getFileName().toString();
        assertTrue(Files.isRegularFile(target.resolve(name + ".zip")));
        assertTrue(Files.isRegularFile(target.resolve(name + ".tar.gz")));
    }

    @Test
    void launcherRunsTheCommandWithThePluginsFolder() throws Exception {
        Result version = pot4j("--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("pot4j "), version.out());
        assertEquals("", version.err(), "no JVM notice about the incubating Vector API");

        Result plugins = pot4j("plugins");
        assertEquals(0, plugins.code(), plugins.err());
        assertTrue(plugins.out().contains("  reference "), plugins.out());
        assertTrue(plugins.out().contains(home().resolve("lib").toString()), "sources are the jars in lib/");

        Result usage = pot4j("quantize", "--preset", "fast", "-m", "m.xml", "--data", "d");
        assertEquals(2, usage.code(), usage.err());
        assertTrue(usage.err().startsWith("error: Invalid value for option '--preset'"), usage.err());
        assertTrue(usage.err().endsWith("Try 'pot4j quantize --help' for more information.\n"),
                "the last line is there when the command returns:\n" + usage.err());
    }

    @Test
    void quickStartCommandSavesTheQuantizedModel() throws Exception {
        Path root = Path.of(System.getProperty("pot4j.repo.root", ".."));
        Path xml = root.resolve("samples/squeezenet1.1/squeezenet1.1.xml");
        Assumptions.assumeTrue(Files.isRegularFile(xml), "no samples/");
        Path out = tmp.resolve("quickstart");
        Result r = pot4j("quantize", "-m", xml.toString(), "--data", root.resolve("samples/images").toString(),
                "--mean", "0,0,0", "--subset-size", "2", "-d", "--output-dir", out.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("Saved: " + out.resolve("optimized/squeezenet1.1.xml"), lines.get(lines.size() - 1));
        assertFalse(r.err().contains("libpng warning"), "no native warning in the progress:\n" + r.err());
        assertFalse(r.err().contains("incubator"), r.err());
    }

    /** POT_SPEC §13's two command lines, typed as POT users type them, in the folder they name files from. */
    @Test
    void potCommandLinesRunUnchanged() throws Exception {
        Path root = Path.of(System.getProperty("pot4j.repo.root", "..")).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(root.resolve("samples/squeezenet1.1/squeezenet1.1.xml")), "no samples/");
        Path out = tmp.resolve("OUT");
        Result q = pot4jIn(root, "-q", "default", "-m", "samples/squeezenet1.1/squeezenet1.1.xml", "-w",
                "samples/squeezenet1.1/squeezenet1.1.bin", "--engine", "simplified", "--data-source", "samples/images",
                "--output-dir", out.toString());
        assertEquals(0, q.code(), q.out() + q.err());
        List<String> lines = q.out().lines().toList();
        assertTrue(lines.get(lines.size() - 1).matches("Saved: " + Pattern.quote(out.toString())
                + "/squeezenet1\\.1_DefaultQuantization/[0-9_-]+/optimized/squeezenet1\\.1\\.xml"), q.out());

        Files.writeString(tmp.resolve("config.json"), """
                {
                  "model": {"model_name": "squeezenet1.1", "model": "%1$s/samples/squeezenet1.1/squeezenet1.1.xml",
                            "weights": "%1$s/samples/squeezenet1.1/squeezenet1.1.bin"},
                  "engine": {"type": "simplified", "data_source": "%1$s/samples/images"},
                  "compression": {"algorithms": [{"name": "DefaultQuantization",
                                                  "params": {"preset": "performance", "stat_subset_size": 300}}]}
                }
                """.formatted(root));
        Result c = pot4jIn(tmp, "-c", "config.json", "-e");
        assertEquals(0, c.code(), c.out() + c.err());
        assertTrue(c.out().contains("top-1 agreement with FP32: "), c.out());
        List<String> cLines = c.out().lines().toList();
        assertTrue(cLines.get(cLines.size() - 1).startsWith("Saved: " + tmp.resolve("results")
                .resolve("squeezenet1.1_DefaultQuantization")), c.out());
    }
}
