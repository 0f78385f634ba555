package org.pot4j.cascade.mtcnn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * R-Net and O-Net face/non-face accuracy on lfw_subset, FP32 and INT8, for several calibration sets and crop
 * resamplings, in ONNX Runtime (1 thread). Not a test (calibrating on every photo of {@code faces/} takes about a
 * minute): {@code java -cp <test class path> org.pot4j.cascade.mtcnn.LfwBenchmark <assets> [set...]} with sets
 * {@code test} (the 21 photos of {@link LfwFaceClassificationTest}), {@code portraits5} (the 5 of
 * {@code MtcnnQuantizationTest}), {@code aligned} (the 10 aligned face crops), {@code all} (every photo).
 */
public final class LfwBenchmark {
    private static final List<String> RESAMPLINGS = List.of(LfwCrops.CASCADE_AREA, "linear", "area", "cubic", "nearest");

    private LfwBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("pot4j.assets", args.length > 0 ? args[0] : "../shared/assets");
        List<String> sets = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("test", "all");
        Path tmp = Files.createTempDirectory("lfw-bench");
        Map<String, List<String>> photos = new LinkedHashMap<>();
        photos.put("test", LfwFaceClassificationTest.CALIBRATION);
        photos.put("portraits5", List.of("portraits/angelina_jolie.jpg", "portraits/ivan.jpg",
                "portraits/kate_siegel.jpg", "portraits/paul_rudd.jpg", "portraits/multiface.jpg"));
        photos.put("aligned", under("aligned"));
        photos.put("all", Stream.of("aligned", "group-photos", "portraits").flatMap(f -> under(f).stream()).toList());
        for (String set : sets) {
            List<String> files = photos.get(set);
            if (files == null) {
                throw new IllegalArgumentException("unknown calibration set '" + set + "', known: " + photos.keySet());
            }
            LfwQuantization.Calibration c = LfwQuantization.quantize(tmp, files);
            System.out.printf(Locale.ROOT, "%n== calibration '%s': %d photos, rows per stage %s, statistics + "
                    + "quantization %.1f s%n", set, c.photos(), c.rows(), c.seconds());
            for (int s = 1; s <= 2; s++) {
                for (String resampling : RESAMPLINGS) {
                    LfwCrops crops = LfwCrops.open(s == 1 ? 24 : 48, resampling);
                    LfwQuantization.Evaluation fp32 = LfwQuantization.evaluate("onnxruntime", c.fp32().subModels().get(s), crops);
                    LfwQuantization.Evaluation int8 = LfwQuantization.evaluate("onnxruntime", c.int8().subModels().get(s), crops);
                    System.out.printf(Locale.ROOT, "%s %-12s FP32 %s%n%s %-12s INT8 %s%n", c.fp32().subModels().get(s).name(),
                            resampling, fp32.describe(), c.int8().subModels().get(s).name(), resampling, int8.describe());
                }
            }
        }
    }

    /** The photos directly in {@code images/faces/<folder>}, as paths under {@code images/faces/}. */
    private static List<String> under(String folder) {
        Path dir = Path.of(System.getProperty("pot4j.assets"), "images/faces", folder);
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg") || n.endsWith(".png")).sorted()
                    .map(n -> folder + "/" + n).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
