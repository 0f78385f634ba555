package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -e}: the metric on the FP32 model and on the saved INT8 model, the numbers {@code evaluate} gives. */
class EvaluateAfterQuantizationTest {
    private static final Pattern LINE = Pattern.compile("accuracy@top1: \\d+\\.\\d\\d % \\(\\d+ of \\d+\\)");

    @TempDir
    Path tmp;

    /**
     * Labelled images: the first 12 ImageNet samples (a .txt list) with their labels when the shared assets are
     * there, else the sample photos with every label 0.
     *
     * @return the data source and the labels file
     */
    private Path[] labelledImages() throws IOException {
        Path imagenet = Path.of(System.getProperty("pot4j.assets", "../../shared/assets"))
                .resolve("images/imagenet-samples");
        if (Files.isRegularFile(imagenet.resolve("labels.tsv"))) {
            List<String> first;
            try (Stream<Path> s = Files.list(imagenet.resolve("images"))) {
                first = s.map(Path::toString).sorted().limit(12).toList();
            }
            return new Path[] {Files.write(tmp.resolve("first12.txt"), first), imagenet.resolve("labels.tsv")};
        }
        Path photos = CliRun.repoRoot().resolve("samples/images");
        List<String> labels = new ArrayList<>();
        try (Stream<Path> s = Files.list(photos)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".txt"))
                    .forEach(n -> labels.add("0\tclass\t" + n));
        }
        return new Path[] {photos, Files.write(tmp.resolve("labels.tsv"), labels)};
    }

    /** The accuracy line after {@code prefix} in {@code text}. */
    private static String accuracy(String text, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(" + LINE.pattern() + ")").matcher(text);
        assertTrue(m.find(), prefix + " in\n" + text);
        return m.group(1);
    }

    @Test
    void withLabelsTheTop1OfFp32AndInt8IsPrintedAndLoggedAsEvaluateGivesIt() throws IOException {
        QuantizeCommandTest.assumeDefaultQuantization();
        Path[] labelled = labelledImages();
        Path out = tmp.resolve("out");
        CliRun r = CliRun.of("quantize", "-m", CliRun.squeezenet().toString(), "--data", labelled[0].toString(),
                "--labels", labelled[1].toString(), "--subset-size", "4", "-e", "-d", "--output-dir", out.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Path saved = out.toAbsolutePath().resolve("optimized/squeezenet1.1.xml");
        assertEquals("Saved: " + saved, r.lastLine());
        assertTrue(r.out().contains("Evaluation (-e) on "), r.out());
        String fp32 = accuracy(r.out(), "  FP32 ");
        String int8 = accuracy(r.out(), "  INT8 ");
        String log = Files.readString(out.resolve("log.txt"));
        assertEquals(fp32, accuracy(log, " INFO   FP32 "), "logged as printed");
        assertEquals(int8, accuracy(log, " INFO   INT8 "), "logged as printed");

        // the same numbers as 'pot4j evaluate' on each model with the same data and labels
        for (Object[] model : new Object[][] {{CliRun.squeezenet(), fp32}, {saved, int8}}) {
            CliRun e = CliRun.of("evaluate", "-m", model[0].toString(), "--data", labelled[0].toString(), "--labels",
                    labelled[1].toString(), "--top", "1");
            assertEquals(0, e.exitCode(), e.toString());
            assertEquals(model[1], accuracy(e.out(), ""), e.out());
        }
    }
}
