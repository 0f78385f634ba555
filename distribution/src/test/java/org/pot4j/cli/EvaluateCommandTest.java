package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code pot4j evaluate} on a few labelled ImageNet samples. */
class EvaluateCommandTest {
    @Test
    void accuracyOnLabelledImages() {
        Path imagenet = CliRun.assets().resolve("images/imagenet-samples");
        Assumptions.assumeTrue(Files.isRegularFile(imagenet.resolve("labels.tsv")), "no imagenet-samples");
        CliRun r = CliRun.of("evaluate", "-m", CliRun.squeezenet().toString(), "--data",
                imagenet.resolve("images").toString(), "--labels", imagenet.resolve("labels.tsv").toString(),
                "--subset-size", "8", "--batch", "4");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains(", 8 images of "), r.out());
        assertTrue(r.out().matches("(?s).*accuracy@top1: \\d+\\.\\d\\d % \\(\\d of 8\\)\n"
                + "accuracy@top5: \\d+\\.\\d\\d % \\(\\d of 8\\)\n.*"), r.out());
    }

    @Test
    void aModelAgainstItselfDiffersByNothing() {
        Path xml = CliRun.squeezenet();
        CliRun r = CliRun.of("evaluate", "-m", xml.toString(), "--reference", xml.toString(), "--data",
                CliRun.repoRoot().resolve("samples/images").toString(), "--subset-size", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("max abs difference: 0\n"), r.out());
        assertTrue(r.out().contains("mean abs difference: 0\n"), r.out());
    }

    @Test
    void theFp16EmulationAgainstFp32DiffersByFp16Rounding() {
        Path xml = CliRun.squeezenet();
        CliRun r = CliRun.of("evaluate", "-m", xml.toString(), "--engine", "vpu", "--device", "VPU", "--reference",
                xml.toString(), "--reference-engine", "reference", "--data",
                CliRun.repoRoot().resolve("samples/images").toString(), "--subset-size", "2");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("(vpu on VPU) against " + xml + " (reference on CPU)"), r.out());
        java.util.regex.Matcher max = java.util.regex.Pattern.compile("max abs difference: ([0-9.]+)\n").matcher(r.out());
        assertTrue(max.find(), r.out());
        double d = Double.parseDouble(max.group(1));
        assertTrue(d > 0 && d < 0.01, "FP16 storage moves squeezenet's probabilities a little: " + d);
    }

    @Test
    void aReferenceEngineNeedsAReferenceModel() {
        CliRun r = CliRun.of("evaluate", "-m", CliRun.squeezenet().toString(), "--reference-engine",
                "reference", "--data", CliRun.repoRoot().resolve("samples/images").toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--reference-engine and --reference-device need --reference MODEL"), r.err());
    }
}
