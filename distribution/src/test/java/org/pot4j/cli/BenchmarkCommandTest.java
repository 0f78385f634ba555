package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchmarkCommandTest {
    @Test
    void latencyAndThroughputOnRandomInputs() {
        CliRun r = CliRun.of("benchmark", "-m", CliRun.squeezenet().toString(), "--iterations", "2", "--warmup", "1",
                "--batch", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().matches("(?s)CPU features.*\nModel: squeezenet1\\.1 \\(data f(16|32)\\[2, ?3, ?227, ?227\\]\\), "
                + "random inputs.*"), r.out());
        assertTrue(r.out().matches("(?s).*\nreference +2 model +\\d+\\.\\d\\d +\\d+\\.\\d\\d-\\d+\\.\\d\\d +\\d+\\.\\d\\d "
                + "+\\d+\\.\\d\n"), r.out());
    }

    @Test
    void onImages() {
        CliRun r = CliRun.of("benchmark", "-m", CliRun.squeezenet().toString(), "--iterations", "1", "--warmup", "0",
                "--data", CliRun.repoRoot().resolve("samples/images").toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("images of "), r.out());
    }

    @Test
    void unknownEngineFailsBeforeLoadingTheModel() {
        CliRun r = CliRun.of("benchmark", "-m", CliRun.squeezenet().toString(), "--engine", "reference,turbo");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("error: no engine named 'turbo'"), r.err());
    }

    @Test
    void deviceGpuOnTheCpuBuildOfOnnxRuntimeNamesTheGpuPluginZip() {
        CliRun r = CliRun.of("benchmark", "-m", CliRun.squeezenet().toString(), "--engine", "onnxruntime",
                "--device", "GPU", "--iterations", "1", "--warmup", "0");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.out().contains("onnxruntime    error: device GPU of engine 'onnxruntime' needs the onnxruntime-gpu"
                + " plugin, which is not installed") && r.out().contains("pot4j-engine-onnxruntime-gpu-<version>-plugin.zip")
                && r.out().contains("--plugins-dir"), r.toString());
    }
}
