package org.pot4j.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;

/** The example's image loader on the sample photos: which files, which tensor, which errors. */
class ImageLoaderTest {
    private static final Path IMAGES = Path.of("..", "..", "samples", "images").toAbsolutePath().normalize();
    private static final int PLANE = 227 * 227;

    @TempDir
    Path tmp;

    @Test
    void listsTheImagesByNameAndSkipsOtherFiles() {
        ImageLoader loader = new ImageLoader(IMAGES);
        assertEquals(List.of("astronaut.png", "camera.png", "chelsea.png", "coffee.png", "horse.png",
                "hubble_deep_field.jpg", "motorcycle_left.png", "page.png", "rocket.jpg", "text.png"),
                loader.files().stream().map(f -> f.getFileName().toString()).toList());
        assertEquals(10, loader.size());
    }

    @Test
    void aSampleIsBgrChannelsFirst227x227WithTheImagesColours() throws IOException {
        ImageLoader loader = new ImageLoader(IMAGES);
        int chelsea = loader.files().indexOf(IMAGES.resolve("chelsea.png"));
        DataItem item = loader.get(chelsea);
        assertTrue(item.isUnnamed());
        assertEquals(Shape.of(3, 227, 227), item.inputs().get(DataItem.UNNAMED).shape());

        // resizing keeps each channel's mean within a few levels, and the planes are blue, green, red in that order
        float[] data = item.inputs().get(DataItem.UNNAMED).toFloatArray();
        double[] rgb = channelMeans(ImageIO.read(IMAGES.resolve("chelsea.png").toFile()));
        assertEquals(rgb[2], mean(data, 0), 3.0, "plane 0 is blue");
        assertEquals(rgb[1], mean(data, 1), 3.0, "plane 1 is green");
        assertEquals(rgb[0], mean(data, 2), 3.0, "plane 2 is red");
        assertTrue(rgb[0] > rgb[2] + 20, "an orange cat: more red than blue, so the check above tells them apart");
        for (float v : data) {
            assertTrue(v >= 0 && v <= 255, "values 0..255: " + v);
        }
    }

    @Test
    void aGreyImageGivesThreeEqualPlanesOfItsOwnLevels() throws IOException {
        ImageLoader loader = new ImageLoader(IMAGES);
        float[] data = loader.get(loader.files().indexOf(IMAGES.resolve("camera.png"))).inputs()
                .get(DataItem.UNNAMED).toFloatArray();
        for (int i = 0; i < PLANE; i++) {
            assertEquals(data[i], data[PLANE + i]);
            assertEquals(data[i], data[2 * PLANE + i]);
        }
        // no gamma conversion of the grey levels (as cv2.imread gives them)
        double grey = channelMeans(ImageIO.read(IMAGES.resolve("camera.png").toFile()))[0];
        assertEquals(grey, mean(data, 0), 3.0);
    }

    @Test
    void aFileThatIsNotAnImageIsReportedByName() throws IOException {
        Files.copy(IMAGES.resolve("horse.png"), tmp.resolve("a.png"));
        Files.writeString(tmp.resolve("b.jpg"), "not a jpeg");
        ImageLoader loader = new ImageLoader(tmp);
        assertEquals(Shape.of(3, 227, 227), loader.get(0).inputs().get(DataItem.UNNAMED).shape());
        DataException e = assertThrows(DataException.class, () -> loader.get(1));
        assertTrue(e.getMessage().contains(tmp.resolve("b.jpg").toString()), e.getMessage());
    }

    @Test
    void aMissingOrImagelessFolderIsReportedByName() throws IOException {
        DataException missing = assertThrows(DataException.class, () -> new ImageLoader(tmp.resolve("none")));
        assertTrue(missing.getMessage().contains(tmp.resolve("none").toString()), missing.getMessage());
        Files.writeString(tmp.resolve("README.txt"), "no images here");
        DataException empty = assertThrows(DataException.class, () -> new ImageLoader(tmp));
        assertEquals("no .png, .jpg, .jpeg or .bmp image in " + tmp, empty.getMessage());
    }

    /** The mean of one channel plane of a CHW tensor. */
    private static double mean(float[] chw, int channel) {
        double sum = 0;
        for (int i = 0; i < PLANE; i++) {
            sum += chw[channel * PLANE + i];
        }
        return sum / PLANE;
    }

    /** The mean of each band of an image's raster, in the raster's own band order (R, G, B; or the grey level). */
    private static double[] channelMeans(BufferedImage image) {
        int bands = Math.min(3, image.getRaster().getNumBands());
        double[] sums = new double[bands];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                for (int b = 0; b < bands; b++) {
                    sums[b] += image.getRaster().getSample(x, y, b);
                }
            }
        }
        double pixels = (double) image.getWidth() * image.getHeight();
        for (int b = 0; b < bands; b++) {
            sums[b] /= pixels;
        }
        return sums;
    }
}
