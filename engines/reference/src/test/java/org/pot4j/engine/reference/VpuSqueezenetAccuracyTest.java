package org.pot4j.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.testkit.TestAssets;

/**
 * squeezenet1.1 (IR v10, FP16 weights, mean in the IR) on the FP32 reference engine vs the {@code vpu} emulation:
 * on the repository's sample photos (always), and top-1 on the first ImageNet samples of the shared assets (skipped
 * without them; {@code -Dpot4j.vpu.samples=1000} for all of them).
 */
class VpuSqueezenetAccuracyTest {
    private static final int IMAGENET_SAMPLES = Integer.getInteger("pot4j.vpu.samples", 200);

    /** The repository's {@code samples/} folder, found upwards from the module directory. */
    static Path samples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path s = p.resolve("samples/squeezenet1.1/squeezenet1.1.xml");
            if (Files.isRegularFile(s)) {
                return p.resolve("samples");
            }
        }
        Assumptions.abort("samples/squeezenet1.1 not found above " + Path.of("").toAbsolutePath());
        return null;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The probabilities of each image on FP32 (index 0) and on the VPU emulation (index 1). */
    private static List<float[][]> run(Model model, List<Path> images) throws IOException {
        List<float[][]> out = new ArrayList<>();
        try (Engine f32 = new ReferenceEngineFactory().create(EngineSettings.cpu(), null);
             Engine f16 = new VpuEngineFactory().create(new EngineSettings("VPU", Map.of()), null)) {
            f32.setModel(model);
            f16.setModel(model);
            for (Path image : images) {
                Tensor x = ImageTensors.bgr(image, 227, 227, null);
                float[] a = RealModelsTest.only(f32.infer(Map.of("", x))).toFloatArray();
                float[] b = RealModelsTest.only(f16.infer(Map.of("", x))).toFloatArray();
                out.add(new float[][] {a, b});
            }
        }
        return out;
    }

    @Test
    void sampleSqueezenetOnThePhotosStaysCloseToFp32() throws IOException {
        Path samples = samples();
        Model model = new IrModelFormat().read(ModelSource.of(samples.resolve("squeezenet1.1/squeezenet1.1.xml")));
        List<Path> photos;
        try (Stream<Path> s = Files.list(samples.resolve("images"))) {
            photos = s.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".jpg")).sorted().toList();
        }
        assertEquals(10, photos.size(), "photos in samples/images");
        List<float[][]> probs = run(model, photos);
        double maxDiff = 0;
        int same = 0;
        for (float[][] p : probs) {
            for (int k = 0; k < p[0].length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(p[0][k] - p[1][k]));
            }
            same += argmax(p[0]) == argmax(p[1]) ? 1 : 0;
        }
        System.out.printf("squeezenet1.1 sample on %d photos: FP32 vs VPU emulation top-1 agree on %d, max |prob diff| %.2e%n",
                photos.size(), same, maxDiff);
        assertEquals(photos.size(), same, "top-1 class of every photo");
        assertTrue(maxDiff < 1e-2, "max |probability difference| " + maxDiff);
        assertTrue(maxDiff > 0, "FP16 storage changes something");
    }

    @Test
    void imagenetTopOneOnFp32AndOnTheVpuEmulation() throws IOException {
        Model model = RealModelsTest.read("ir/squeezenet1.1/v10/squeezenet1.1.xml");
        Path dir = TestAssets.require("images/imagenet-samples");
        List<Path> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("labels.tsv"))) {
            String[] f = line.split("\t");
            if (f.length < 4 || images.size() == IMAGENET_SAMPLES) {
                continue;
            }
            labels.add(Integer.parseInt(f[0]));
            images.add(dir.resolve("images").resolve(f[3]));
        }
        List<float[][]> probs = run(model, images);
        int f32Right = 0;
        int f16Right = 0;
        int same = 0;
        double maxDiff = 0;
        for (int i = 0; i < probs.size(); i++) {
            float[][] p = probs.get(i);
            int a = argmax(p[0]);
            int b = argmax(p[1]);
            f32Right += a == labels.get(i) ? 1 : 0;
            f16Right += b == labels.get(i) ? 1 : 0;
            same += a == b ? 1 : 0;
            for (int k = 0; k < p[0].length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(p[0][k] - p[1][k]));
            }
        }
        int n = probs.size();
        System.out.printf("squeezenet1.1 v10 on the first %d ImageNet samples: top-1 FP32 %.1f %%, VPU emulation %.1f %%, "
                + "top-1 agreement %d of %d, max |prob diff| %.2e%n", n, 100.0 * f32Right / n, 100.0 * f16Right / n,
                same, n, maxDiff);
        assertTrue(same >= n - Math.max(2, n / 50), "top-1 agreement " + same + " of " + n);
        assertTrue(Math.abs(f32Right - f16Right) <= Math.max(2, n / 100), f32Right + " vs " + f16Right + " right");
    }
}
