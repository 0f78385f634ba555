package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.DataException;
import org.pot4j.testkit.TestAssets;

class ImageFileInspectorTest {
    @TempDir
    Path dir;

    @Test
    void readsHeadersOfEachFormat() {
        ImageFileInfo jpg = ImageFileInspector.inspect(TestImages.write(dir.resolve("a.jpg"), "jpg", 7, 9, (y, x) -> 0x336699));
        assertEquals(new ImageFileInfo(dir.resolve("a.jpg"), "JPEG", 9, 7, 3), jpg);
        ImageFileInfo gray = ImageFileInspector.inspect(TestImages.writeGray(dir.resolve("g.jpg"), "jpg", 5, 4, (y, x) -> 9));
        assertTrue(gray.isGrayscale());
        ImageFileInfo png = ImageFileInspector.inspect(TestImages.write(dir.resolve("a.png"), "png", 3, 2, (y, x) -> 1));
        assertEquals(new ImageFileInfo(dir.resolve("a.png"), "PNG", 2, 3, 3), png);
        assertEquals(1, ImageFileInspector.inspect(TestImages.writeGray(dir.resolve("g.png"), "png", 3, 2, (y, x) -> 1)).channels());
        ImageFileInfo bmp = ImageFileInspector.inspect(TestImages.write(dir.resolve("a.bmp"), "bmp", 4, 6, (y, x) -> 1));
        assertEquals(new ImageFileInfo(dir.resolve("a.bmp"), "BMP", 6, 4, 3), bmp);
    }

    @Test
    void truncatedJpegFails() throws IOException {
        Path whole = TestImages.write(dir.resolve("w.jpg"), "jpg", 64, 64, (y, x) -> (x * 4) << 8 | y * 4);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        DataException e = assertThrows(DataException.class, () -> ImageFileInspector.inspect(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated JPEG"), e.getMessage());
    }

    @Test
    void sharedTruncatedAssetFails() {
        Path corrupt = TestAssets.require("images/truncated-corrupt.jpg");
        DataException e = assertThrows(DataException.class, () -> ImageFileInspector.inspect(corrupt));
        assertTrue(e.getMessage().contains("truncated-corrupt.jpg") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedPngAndBmpFail() throws IOException {
        byte[] png = Files.readAllBytes(TestImages.write(dir.resolve("p.png"), "png", 32, 32, (y, x) -> x * y));
        Path cutPng = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length - 20));
        assertTrue(assertThrows(DataException.class, () -> ImageFileInspector.inspect(cutPng)).getMessage()
                .contains("truncated PNG"));
        byte[] bmp = Files.readAllBytes(TestImages.write(dir.resolve("b.bmp"), "bmp", 8, 8, (y, x) -> 5));
        Path cutBmp = Files.write(dir.resolve("cut.bmp"), Arrays.copyOf(bmp, bmp.length - 10));
        assertTrue(assertThrows(DataException.class, () -> ImageFileInspector.inspect(cutBmp)).getMessage()
                .contains("truncated BMP"));
    }

    @Test
    void nonImageAndEmptyFilesFail() throws IOException {
        Path text = Files.writeString(dir.resolve("fake.jpg"), "this is not an image");
        DataException e = assertThrows(DataException.class, () -> ImageFileInspector.inspect(text));
        assertTrue(e.getMessage().contains("fake.jpg") && e.getMessage().contains("not a JPEG, PNG or BMP"), e.getMessage());
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertTrue(assertThrows(DataException.class, () -> ImageFileInspector.inspect(empty)).getMessage().contains("empty"));
        assertThrows(DataException.class, () -> ImageFileInspector.inspect(dir.resolve("missing.png")));
    }
}
