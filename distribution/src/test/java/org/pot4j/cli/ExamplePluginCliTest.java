package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin's engine and loader as the command line shows them (its jar as a drop-in). */
class ExamplePluginCliTest {
    @TempDir
    Path tmp;

    @Test
    void theTimingEngineShowsItsTimingsInTheRunsLog() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path plugins = CommandLineInputsTest.examplePluginFolder(tmp);
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("--plugins-dir", plugins.toString(), "quantize", "-m", CliRun.squeezenet().toString(),
                "--data", CliRun.repoRoot().resolve("samples/images").toString(), "--subset-size", "2",
                "--engine", "timing", "-d", "--output-dir", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Engine: timing on CPU"), r.out());
        String log = Files.readString(out.resolve("log.txt"));
        assertTrue(Pattern.compile(" INFO timing: model 'squeezenet1\\.1' on reference: \\d+ inferences?, "
                + "\\d+\\.\\d\\d ms each").matcher(log).find(), log);
    }

    @Test
    void pluginsSaysWhichCommandsCanUseEachLoader() throws IOException {
        Path plugins = CommandLineInputsTest.examplePluginFolder(tmp);
        CliRun r = CliRun.of("--plugins-dir", plugins.toString(), "plugins");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("(?s).*\n  csv +plugin 'pot4j-example'  --loader csv --data SOURCE "
                + "\\[--loader-option KEY=VALUE]; not run -c\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\n  image +plugin 'pot4j-dataloader-image'  --data DIR\\|GLOB\\|LIST.txt of "
                + "images \\(the default\\); also run -c \\(engine.data_source\\)\n.*"), r.out());
        assertTrue(r.out().contains("quantize, evaluate and benchmark can use every loader listed"), r.out());
        assertTrue(r.out().contains("run -c and POT's -c read the configuration's engine.data_source with the image"
                + " loader only"), r.out());
    }

    @Test
    void pluginsSaysWhichDevicesEachEngineRunsOnHere() throws IOException {
        CliRun r = CliRun.of("--plugins-dir", CommandLineInputsTest.examplePluginFolder(tmp).toString(), "plugins");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("(?s).*\n  reference +plugin '[^']+'  devices: CPU \\(usable\\)\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*\n  onnxruntime +plugin '[^']+'  devices: CPU \\(usable\\), GPU \\(not usable here: this engine carries ONNX Runtime's CPU build.*"), r.out());
    }
}
