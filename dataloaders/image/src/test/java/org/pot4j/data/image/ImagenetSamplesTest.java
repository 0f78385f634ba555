package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.testkit.TestAssets;

/**
 * The 1000 shared ImageNet samples as squeezenet1.1 reads them (1x3x227x227, BGR). Opening checks every file; the
 * default run decodes a spread subset plus grayscale files, {@code -Dpot4j.fullImageRun=true} decodes all of them.
 */
class ImagenetSamplesTest {
    private static ImageDataLoader open() {
        Path folder = TestAssets.require("images/imagenet-samples/images");
        Path labels = TestAssets.require("images/imagenet-samples/labels.tsv");
        return ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", folder.toString(),
                "input_shape", List.of(1, 3, 227, 227), "labels_file", labels.toString())));
    }

    private static List<Integer> grayscaleIndices(ImageDataLoader loader) {
        List<Integer> gray = new ArrayList<>();
        for (int i = 0; i < loader.size(); i++) {
            if (loader.fileInfo(i).isGrayscale()) {
                gray.add(i);
            }
        }
        return gray;
    }

    private static void checkSample(ImageDataLoader loader, int i, boolean gray) {
        DataItem item = loader.get(i);
        Tensor t = item.inputs().get("");
        assertEquals(Shape.of(3, 227, 227), t.shape(), "sample " + i);
        // labels.tsv numbers classes in sorted wnid order and file names start with the wnid: label == index.
        assertEquals(i, item.annotation(), "label of sample " + i);
        float[] v = t.toFloatArray();
        int plane = 227 * 227;
        if (gray) {
            assertArrayEquals(Arrays.copyOfRange(v, 0, plane), Arrays.copyOfRange(v, plane, 2 * plane), "sample " + i);
            assertArrayEquals(Arrays.copyOfRange(v, 0, plane), Arrays.copyOfRange(v, 2 * plane, 3 * plane), "sample " + i);
        }
        for (float x : v) {
            assertTrue(x >= 0 && x <= 255, "sample " + i + " holds " + x);
        }
    }

    @Test
    void allThousandOpenAndASubsetDecodes() {
        ImageDataLoader loader = open();
        assertEquals(1000, loader.size());
        assertEquals(0, loader.skippedCount());
        List<Integer> gray = grayscaleIndices(loader);
        assertEquals(23, gray.size(), "grayscale files");
        for (int i = 0; i < 1000; i += 97) {
            checkSample(loader, i, gray.contains(i));
        }
        for (int i : gray.subList(0, 4)) {
            checkSample(loader, i, true);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "pot4j.fullImageRun", matches = "true")
    void allThousandDecode() {
        long start = System.nanoTime();
        ImageDataLoader loader = open();
        List<Integer> gray = grayscaleIndices(loader);
        for (int i = 0; i < loader.size(); i++) {
            checkSample(loader, i, gray.contains(i));
        }
        System.out.printf("decoded 1000 imagenet samples to 3x227x227 in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
