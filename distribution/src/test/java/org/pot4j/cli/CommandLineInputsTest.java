package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.onnx.OnnxTestModels;

/**
 * Inputs from the command line: {@code --input-shape} for dynamic models, {@code .npy}/{@code .npz} folders for
 * multi-input models, 4-channel images, and {@code --loader} for a drop-in loader.
 */
class CommandLineInputsTest {
    @TempDir
    Path dir;

    /** x [1,3,48,?] (a text recognizer's width) -> Conv 3x3 (4 filters, pad 1) -> Relu -> Conv 1x1 -> y. */
    private Path dynamicWidthConv() throws IOException {
        return OnnxTestModels.opset(13).input("x", 1, 3, 48, -1).output("y")
                .initializer("w", NpyArrays.values(4 * 3 * 3 * 3, 1), 4, 3, 3, 3)
                .initializer("w2", NpyArrays.values(2 * 4, 1), 2, 4, 1, 1)
                .node("Conv", "conv", in("x", "w"), out("c"), ints("pads", 1, 1, 1, 1))
                .node("Relu", "relu", in("c"), out("r"))
                .node("Conv", "conv2", in("r", "w2"), out("y"))
                .write(dir.resolve("recognizer.onnx"));
    }

    /** a [1,4] + b [1,4] -> MatMul [4,3] -> y. */
    private Path twoInputMatMul() throws IOException {
        return OnnxTestModels.opset(13).input("a", 1, 4).input("b", 1, 4).output("y")
                .initializer("w", NpyArrays.values(12, 1), 4, 3)
                .node("Add", "add", in("a", "b"), out("s"))
                .node("MatMul", "matmul", in("s", "w"), out("y"))
                .write(dir.resolve("two-inputs.onnx"));
    }

    private static String images() {
        Path p = CliRun.repoRoot().resolve("samples/images");
        Assumptions.assumeTrue(Files.isDirectory(p), "samples/images not found at " + p);
        return p.toString();
    }

    private static void assertUsageError(CliRun r, String... parts) {
        assertEquals(2, r.exitCode(), r.toString());
        for (String part : parts) {
            assertTrue(r.err().contains(part), "'" + part + "' not in\n" + r);
        }
        assertFalse(r.err().contains("\tat "), "no stack trace\n" + r);
    }

    @Test
    void aDynamicWidthModelIsQuantizedAndEvaluatedAtTheGivenShape() throws IOException {
        Path model = dynamicWidthConv();
        Path output = dir.resolve("out");
        CliRun q = CliRun.of("quantize", "-m", model.toString(), "--data", images(), "--input-shape", "x=1,3,48,64",
                "--subset-size", "3", "-d", "--output-dir", output.toString());
        assertEquals(0, q.exitCode(), q.toString());
        assertTrue(q.out().contains("48x64"), "images resized to the given size\n" + q.out());
        Path quantized = output.resolve("optimized/recognizer.onnx");
        assertEquals("Saved: " + quantized, q.lastLine());

        // the same width without the name (one input), against the FP32 model
        CliRun e = CliRun.of("evaluate", "-m", quantized.toString(), "--reference", model.toString(), "--data", images(),
                "--input-shape", "1,3,48,64", "--subset-size", "2", "--batch", "2");
        assertEquals(0, e.exitCode(), e.toString());
        assertTrue(e.out().contains(", 2 samples of images"), e.out());
        assertTrue(e.out().contains("48x64"), e.out());
        assertTrue(e.out().matches("(?s).*max abs difference: [0-9.]+\n.*"), e.out());

        // without it the error names the input, the dynamic dimension and how to give it
        assertUsageError(CliRun.of("evaluate", "-m", model.toString(), "--reference", model.toString(),
                "--data", images()), "input 'x' has the dynamic shape [1,3,48,?] (dimension 3)",
                "--input-shape x=1,3,48,224");
    }

    @Test
    void badInputShapesAreUsageErrorsNamingWhatIsWrong() throws IOException {
        Path model = dynamicWidthConv();
        String[] base = {"quantize", "-m", model.toString(), "--data", images(), "--output-dir",
                dir.resolve("never").toString(), "--input-shape"};
        assertUsageError(run(base, "x=1,3,48"), "input 'x' has rank 4 [1,3,48,?], but 3 dimensions were given");
        assertUsageError(run(base, "x=1,3,32,64"), "dimension 2 of input 'x' is fixed to 48 by the model");
        assertUsageError(run(base, "image=1,3,48,64"), "has no input 'image'; its inputs are x [1,3,48,?]");
        assertUsageError(run(base, "x=1,3,48,16000000"), "268435456", "input 'x'");
        assertUsageError(run(base, "x=1,3,48,99999999999"), "each dimension must be between 1 and");
        assertUsageError(run(base, "x=1,3,48,wide"), "'wide' is not a whole number");
        assertFalse(Files.exists(dir.resolve("never")), "nothing written");
    }

    private static CliRun run(String[] base, String last) {
        String[] args = Stream.concat(Stream.of(base), Stream.of(last)).toArray(String[]::new);
        return CliRun.of(args);
    }

    @Test
    void aTwoInputModelIsQuantizedFromAFolderOfNpzFiles() throws IOException {
        Path model = twoInputMatMul();
        Path data = Files.createDirectory(dir.resolve("arrays"));
        for (int i = 0; i < 3; i++) {
            Map<String, byte[]> arrays = new LinkedHashMap<>();
            arrays.put("a", NpyArrays.f32(NpyArrays.values(4, i), 1, 4));   // with the batch axis of 1
            arrays.put("b", NpyArrays.f32(NpyArrays.values(4, 2 * i), 4));  // without it
            NpyArrays.npz(data.resolve("sample" + i + ".npz"), arrays);
        }
        Path output = dir.resolve("out");
        CliRun q = CliRun.of("quantize", "-m", model.toString(), "--data", data.toString(), "-d", "--output-dir",
                output.toString());
        assertEquals(0, q.exitCode(), q.toString());
        assertTrue(q.out().contains("Data: 3 samples from numpy " + data), q.out());
        assertEquals("Saved: " + output.resolve("optimized/two-inputs.onnx"), q.lastLine());
        assertTrue(Files.readString(output.resolve("optimized/two-inputs.onnx"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("QuantizeLinear"), "quantized");

        CliRun bench = CliRun.of("benchmark", "-m", model.toString(), "--data", data.toString(), "--batch", "2",
                "--iterations", "2", "--warmup", "0");
        assertEquals(0, bench.exitCode(), bench.toString());
        assertTrue(bench.out().contains("(a f32[2,4], b f32[2,4])"), bench.out());

        // image options make no sense for arrays
        assertUsageError(CliRun.of("quantize", "-m", model.toString(), "--data", data.toString(), "--mean", "1"),
                "--mean applies to images only");
        // images cannot feed two inputs
        assertUsageError(CliRun.of("quantize", "-m", model.toString(), "--data", images()),
                "has 2 inputs (a, b); images feed a model with one input");
    }

    @Test
    void arraysThatDoNotFitTheModelAreReportedByFileAndInput() throws IOException {
        Path model = twoInputMatMul();
        Path missing = Files.createDirectory(dir.resolve("missing"));
        NpyArrays.npz(missing.resolve("s.npz"), Map.of("a", NpyArrays.f32(new float[4], 4)));
        CliRun r = CliRun.of("quantize", "-m", model.toString(), "--data", missing.toString(), "-d", "--output-dir",
                dir.resolve("o1").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains(missing.resolve("s.npz") + ": no array for model input 'b'"), r.err());

        Path shape = Files.createDirectory(dir.resolve("shape"));
        NpyArrays.npz(shape.resolve("s.npz"), Map.of("a", NpyArrays.f32(new float[5], 5), "b", NpyArrays.f32(new float[4], 4)));
        r = CliRun.of("quantize", "-m", model.toString(), "--data", shape.toString(), "-d", "--output-dir",
                dir.resolve("o2").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("s.npz: array 'a' has shape [5], but input 'a' takes [4] per sample"), r.err());

        Path dtype = Files.createDirectory(dir.resolve("dtype"));
        NpyArrays.npz(dtype.resolve("s.npz"), Map.of("a", NpyArrays.bool(4), "b", NpyArrays.f32(new float[4], 4)));
        r = CliRun.of("quantize", "-m", model.toString(), "--data", dtype.toString(), "-d", "--output-dir",
                dir.resolve("o3").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("s.npz: array 'a' has dtype boolean, but input 'a' takes f32"), r.err());

        Path extra = Files.createDirectory(dir.resolve("extra"));
        NpyArrays.npz(extra.resolve("s.npz"), Map.of("a", NpyArrays.f32(new float[4], 4), "b", NpyArrays.f32(new float[4], 4),
                "c", NpyArrays.f32(new float[4], 4)));
        r = CliRun.of("quantize", "-m", model.toString(), "--data", extra.toString(), "-d", "--output-dir",
                dir.resolve("o4").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("s.npz: holds 'c', which is not an input of the model"), r.err());
        for (String o : List.of("o1", "o2", "o3", "o4")) {
            assertFalse(Files.exists(dir.resolve(o)), o + " not written");
        }
    }

    @Test
    void rgbaImagesFeedAFourChannelNhwcInput() throws IOException {
        Path model = OnnxTestModels.opset(13).input("x", 1, 16, 16, 4).output("y")
                .node("Relu", "relu", in("x"), out("y")).write(dir.resolve("nhwc4.onnx"));
        Path images = Files.createDirectory(dir.resolve("rgba"));
        BufferedImage img = new BufferedImage(20, 12, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 20; x++) {
                img.setRGB(x, y, (128 << 24) | (x * 10 << 16) | (y * 20 << 8) | 7);
            }
        }
        ImageIO.write(img, "png", images.resolve("a.png").toFile());
        CliRun r = CliRun.of("evaluate", "-m", model.toString(), "--reference", model.toString(), "--data",
                images.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("4 channels BGR 16x16, NHWC"), r.out());
        assertTrue(r.out().contains("max abs difference: 0\n"), r.out());
    }

    /** A plugins folder in {@code dir} holding the example plugin's jar (the build copies it), or the test is skipped. */
    static Path examplePluginFolder(Path dir) throws IOException {
        Path jar;
        Path copied = Path.of(System.getProperty("pot4j.test.plugins", "target/test-plugins"));
        try (Stream<Path> s = Files.isDirectory(copied) ? Files.list(copied) : Stream.empty()) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("pot4j-example-plugin")).findFirst().orElse(null);
        }
        Assumptions.assumeTrue(jar != null, "the example plugin's jar is not in " + copied + " (build examples/plugin-template)");
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        return plugins;
    }

    @Test
    void theCsvLoaderOfTheExamplePluginIsPickedByName() throws IOException {
        Path plugins = examplePluginFolder(dir);
        Path model = OnnxTestModels.opset(13).input("x", 1, 4).output("y")
                .initializer("w", NpyArrays.values(8, 1), 4, 2)
                .node("MatMul", "matmul", in("x", "w"), out("y")).write(dir.resolve("csv-model.onnx"));
        Path csv = Files.writeString(dir.resolve("samples.csv"), "1,-2,3,-4,0\n0.5,0.25,-1,2,1\n-3,4,5,-6,2\n");

        CliRun listing = CliRun.of("--plugins-dir", plugins.toString(), "plugins");
        assertEquals(0, listing.exitCode(), listing.toString());
        assertTrue(listing.out().matches("(?s).*\n  csv +plugin 'pot4j-example'  --loader csv --data SOURCE.*"), listing.out());
        assertTrue(listing.out().contains("numpy for .npy/.npz files"), listing.out());

        Path output = dir.resolve("out");
        CliRun q = CliRun.of("--plugins-dir", plugins.toString(), "quantize", "-m", model.toString(), "--data",
                csv.toString(), "--loader", "csv", "--loader-option", "shape=[4]", "--loader-option", "label_column=4",
                "-d", "--output-dir", output.toString());
        assertEquals(0, q.exitCode(), q.toString());
        assertTrue(q.out().contains("Data: 3 samples from CSV " + csv), q.out());
        assertEquals("Saved: " + output.resolve("optimized/csv-model.onnx"), q.lastLine());

        // a loader that is not installed
        CliRun unknown = CliRun.of("quantize", "-m", model.toString(), "--data", csv.toString(), "--loader", "parquet");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("parquet"), unknown.err());
    }
}
