package org.pot4j.data.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.DataException;
import org.pot4j.testkit.TestAssets;

class ImageFolderDatasetTest {
    @TempDir
    Path dir;

    static Path writeRgb(Path file, String format, int h, int w, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb + x);
            }
        }
        ImageIO.write(img, format, file.toFile());
        return file;
    }

    static Path writeGray(Path file, int h, int w, int value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    @Test
    void colourPixelsAreRgbInFileOrder() throws IOException {
        writeRgb(dir.resolve("b.png"), "png", 2, 3, 0x102030);
        writeRgb(dir.resolve("a.bmp"), "bmp", 1, 1, 0x405060);
        Files.writeString(dir.resolve("labels.txt"), "x");
        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        assertEquals(List.of(dir.resolve("a.bmp"), dir.resolve("b.png")), ds.files());
        Image b = ds.get(1);
        assertEquals(2, b.height());
        assertEquals(3, b.width());
        assertEquals(3, b.channels());
        assertEquals(0x10, b.get(1, 2, 0));
        assertEquals(0x20, b.get(1, 2, 1));
        assertEquals(0x32, b.get(1, 2, 2)); // blue 0x30 + x
    }

    @Test
    void grayPixelsKeepTheirValues() throws IOException {
        // Through getRGB, Java would turn linear gray 100 into about 170; the raster keeps 100.
        writeGray(dir.resolve("g.png"), 2, 2, 100);
        Image g = ImageFolderDataset.open(dir).get(0);
        assertEquals(3, g.channels());
        for (int c = 0; c < 3; c++) {
            assertEquals(100f, g.get(1, 1, c));
        }
    }

    @Test
    void truncatedAndBrokenFilesFailNamingTheFile() throws IOException {
        byte[] jpg = Files.readAllBytes(writeRgb(dir.resolve("w.jpg"), "jpg", 32, 32, 0x808080));
        Files.write(dir.resolve("w.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        Files.writeString(dir.resolve("x.png"), "not a png");
        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        DataException cut = assertThrows(DataException.class, () -> ds.get(0));
        assertTrue(cut.getMessage().contains("w.jpg") && cut.getMessage().contains("truncated"), cut.getMessage());
        DataException fake = assertThrows(DataException.class, () -> ds.get(1));
        assertTrue(fake.getMessage().contains("x.png"), fake.getMessage());
    }

    @Test
    void sharedTruncatedJpegFails() throws IOException {
        Path corrupt = TestAssets.require("images/truncated-corrupt.jpg");
        Files.copy(corrupt, dir.resolve("c.jpg"));
        DataException e = assertThrows(DataException.class, () -> ImageFolderDataset.open(dir).get(0));
        assertTrue(e.getMessage().contains("c.jpg"), e.getMessage());
    }

    @Test
    void emptyOrMissingFolderFails() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertTrue(assertThrows(DataException.class, () -> ImageFolderDataset.open(dir)).getMessage().contains("no image files"));
        assertThrows(DataException.class, () -> ImageFolderDataset.open(dir.resolve("missing")));
    }
}
