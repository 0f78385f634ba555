package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.testkit.TestAssets;

class ImageDataLoaderTest {
    @TempDir
    Path dir;

    private ImageDataLoader open(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("data_source", dir.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ImageDataLoader.open(ImageLoaderConfig.fromMap(m));
    }

    private static Tensor input(DataItem item) {
        return item.inputs().values().iterator().next();
    }

    /** A 2x3 image whose pixel (y, x) is R = 10y+x, G = 100+10y+x, B = 200+10y+x. */
    private void writeIndexImage() {
        TestImages.write(dir.resolve("p.png"), "png", 2, 3,
                (y, x) -> TestImages.rgb(10 * y + x, 100 + 10 * y + x, 200 + 10 * y + x));
    }

    @Test
    void channelsFirstBgrByDefault() {
        writeIndexImage();
        Tensor t = input(open().get(0));
        assertEquals(Shape.of(3, 2, 3), t.shape());
        assertArrayEquals(new float[] {200, 201, 202, 210, 211, 212, 100, 101, 102, 110, 111, 112, 0, 1, 2, 10, 11, 12},
                t.toFloatArray());
    }

    @Test
    void channelsLastRgb() {
        writeIndexImage();
        Tensor t = input(open("layout", "NHWC", "color_order", "RGB").get(0));
        assertEquals(Shape.of(2, 3, 3), t.shape());
        assertArrayEquals(new float[] {0, 100, 200, 1, 101, 201, 2, 102, 202}, Arrays.copyOf(t.toFloatArray(), 9));
    }

    @Test
    void meanAndScaleFollowTheOutputChannelOrder() {
        writeIndexImage();
        Tensor t = input(open("color_order", "RGB", "mean", List.of(1, 2, 3), "scale", List.of(2, 4, 8),
                "input_name", "data").get(0));
        float[] v = t.toFloatArray();
        assertEquals((0 - 1) / 2f, v[0]);          // R of (0,0)
        assertEquals((112 - 2) / 4f, v[6 + 5]);    // G of (1,2)
        assertEquals((211 - 3) / 8f, v[12 + 4]);   // B of (1,1)
        assertTrue(open("input_name", "data").get(0).inputs().containsKey("data"));
    }

    @Test
    void centralCropKeepsPotsWindow() {
        // 10 rows x 8 columns, fraction 0.5: int(10*0.5)=5 rows from (10-5)//2 = 2, int(8*0.5)=4 columns from 2.
        TestImages.writeGray(dir.resolve("g.png"), "png", 10, 8, (y, x) -> 10 * y + x);
        Tensor t = input(open("central_fraction", 0.5, "channels", 1).get(0));
        assertEquals(Shape.of(1, 5, 4), t.shape());
        assertArrayEquals(new float[] {22, 23, 24, 25}, Arrays.copyOf(t.toFloatArray(), 4));
        assertEquals(65, t.getFloat(19));
    }

    @Test
    void cropHappensBeforeResize() {
        // Only the central 4x4 is bright: crop first, then resize, sees no dark border at all.
        TestImages.writeGray(dir.resolve("c.png"), "png", 8, 8, (y, x) -> y >= 2 && y < 6 && x >= 2 && x < 6 ? 200 : 0);
        Tensor t = input(open("central_fraction", 0.5, "size", List.of(3, 3)).get(0));
        for (float v : t.toFloatArray()) {
            assertEquals(200f, v);
        }
    }

    @Test
    void rgbaPngKeepsItsAlphaForAFourChannelInput() {
        // pixel (y, x): A = 50+x, R = 10, G = 20, B = 30+y
        TestImages.writeArgb(dir.resolve("a.png"), 2, 3, (y, x) -> ((50 + x) << 24) | TestImages.rgb(10, 20, 30 + y));
        Tensor bgra = input(open("input_shape", List.of(1, 4, 2, 3), "layout", "NCHW").get(0));
        assertEquals(Shape.of(4, 2, 3), bgra.shape());
        float[] v = bgra.toFloatArray();
        assertArrayEquals(new float[] {30, 30, 30, 31, 31, 31}, Arrays.copyOfRange(v, 0, 6));
        assertArrayEquals(new float[] {20, 20, 20, 20, 20, 20}, Arrays.copyOfRange(v, 6, 12));
        assertArrayEquals(new float[] {10, 10, 10, 10, 10, 10}, Arrays.copyOfRange(v, 12, 18));
        assertArrayEquals(new float[] {50, 51, 52, 50, 51, 52}, Arrays.copyOfRange(v, 18, 24));

        Tensor rgba = input(open("input_shape", List.of(1, 2, 3, 4), "color_order", "RGB").get(0));
        assertEquals(Shape.of(2, 3, 4), rgba.shape());
        assertArrayEquals(new float[] {10, 20, 30, 50}, Arrays.copyOfRange(rgba.toFloatArray(), 0, 4));
    }

    @Test
    void filesWithoutAlphaGetAnOpaqueOneForAFourChannelInput() {
        writeIndexImage();
        Tensor t = input(open("input_shape", List.of(1, 2, 3, 4)).get(0));
        float[] v = t.toFloatArray();
        // pixel (0, 1): B G R A
        assertArrayEquals(new float[] {201, 101, 1, 255}, Arrays.copyOfRange(v, 4, 8));
    }

    @Test
    void grayscaleFilesBecomeThreeEqualChannels() {
        TestImages.writeGray(dir.resolve("g.jpg"), "jpg", 4, 4, (y, x) -> 30 * x);
        ImageDataLoader loader = open();
        DataItem item = loader.get(0);
        Tensor t = input(item);
        assertEquals(Shape.of(3, 4, 4), t.shape());
        float[] v = t.toFloatArray();
        assertArrayEquals(Arrays.copyOfRange(v, 0, 16), Arrays.copyOfRange(v, 16, 32));
        assertArrayEquals(Arrays.copyOfRange(v, 0, 16), Arrays.copyOfRange(v, 32, 48));
        assertEquals(1, item.metadata().get("original_channels"));
        assertTrue(loader.fileInfo(0).isGrayscale());
    }

    @Test
    void oneChannelModelsGetGrayscale() {
        TestImages.write(dir.resolve("c.png"), "png", 2, 2, (y, x) -> TestImages.rgb(77, 77, 77));
        Tensor t = input(open("input_shape", List.of(1, 1, 2, 2)).get(0));
        assertEquals(Shape.of(1, 2, 2), t.shape());
        assertArrayEquals(new float[] {77, 77, 77, 77}, t.toFloatArray());
    }

    @Test
    void metadataNamesTheFileAndItsOriginalSize() {
        TestImages.write(dir.resolve("m.png"), "png", 6, 9, (y, x) -> 0);
        DataItem item = open("size", List.of(3, 3)).get(0);
        assertEquals(dir.resolve("m.png").toString(), item.metadata().get("file"));
        assertEquals(List.of(6, 9), item.metadata().get("original_size"));
        assertEquals(3, item.metadata().get("original_channels"));
        assertNull(item.annotation());
    }

    @Test
    void labelsFileGivesIntegerAnnotationsWithOffset() throws IOException {
        TestImages.write(dir.resolve("a.png"), "png", 2, 2, (y, x) -> 0);
        TestImages.write(dir.resolve("b.png"), "png", 2, 2, (y, x) -> 0);
        Path labels = Files.writeString(dir.resolve("labels.tsv"), "7\tn1\tcat\tb.png\n3\tn2\tdog\ta.png\n");
        ImageDataLoader loader = open("labels_file", labels.toString(), "label_offset", 1);
        assertEquals(4, loader.get(0).annotation());
        assertEquals(8, loader.get(1).annotation());
        Files.writeString(labels, "3\tn2\tdog\ta.png\n");
        DataException e = assertThrows(DataException.class, () -> open("labels_file", labels.toString()));
        assertTrue(e.getMessage().contains("b.png") && e.getMessage().contains("no label"), e.getMessage());
        Files.writeString(labels, "x\ta.png\n");
        assertTrue(assertThrows(DataException.class, () -> open("labels_file", labels.toString())).getMessage()
                .contains("line 1"));
    }

    @Test
    void badFilesFailNamingTheFileOrAreSkippedAndCounted() throws IOException {
        TestImages.write(dir.resolve("a-good.png"), "png", 4, 4, (y, x) -> 0x102030);
        byte[] jpg = Files.readAllBytes(TestImages.write(dir.resolve("tmp.jpg"), "jpg", 32, 32, (y, x) -> x * 1000 + y));
        Files.delete(dir.resolve("tmp.jpg"));
        Files.write(dir.resolve("b-cut.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        Files.writeString(dir.resolve("c-fake.png"), "not a png");
        DataException e = assertThrows(DataException.class, this::open);
        assertTrue(e.getMessage().contains("b-cut.jpg") && e.getMessage().contains("truncated"), e.getMessage());

        ImageDataLoader loader = open("skip_bad_samples", true);
        assertEquals(1, loader.size());
        assertEquals(2, loader.skippedCount());
        assertEquals(List.of(dir.resolve("b-cut.jpg"), dir.resolve("c-fake.png")),
                loader.skipped().stream().map(SkippedSample::file).toList());
        assertEquals(dir.resolve("a-good.png").toString(), loader.get(0).metadata().get("file"));
    }

    @Test
    void onlyBadFilesFailEvenWhenSkipping() throws IOException {
        Files.writeString(dir.resolve("fake.png"), "not a png");
        DataException e = assertThrows(DataException.class, () -> open("skip_bad_samples", true));
        assertTrue(e.getMessage().contains("none of the 1"), e.getMessage());
    }

    @Test
    void sharedTruncatedJpegInAListFile() throws IOException {
        Path corrupt = TestAssets.require("images/truncated-corrupt.jpg");
        TestImages.write(dir.resolve("ok.png"), "png", 2, 2, (y, x) -> 0);
        Path list = Files.writeString(dir.resolve("list.txt"), "ok.png\n" + corrupt + "\n");
        Map<String, Object> cfg = new HashMap<>(Map.of("data_source", list.toString()));
        DataException e = assertThrows(DataException.class, () -> ImageDataLoader.open(ImageLoaderConfig.fromMap(cfg)));
        assertTrue(e.getMessage().contains("truncated-corrupt.jpg"), e.getMessage());
        cfg.put("skip_bad_samples", true);
        ImageDataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(cfg));
        assertEquals(1, loader.size());
        assertEquals(1, loader.skippedCount());
    }

    @Test
    void undecodableDataFailsAtLoadNamingTheFile() throws IOException {
        // A PNG whose header and IEND are intact but whose pixel data is garbage: OpenCV returns an empty image.
        byte[] png = Files.readAllBytes(TestImages.write(dir.resolve("x.png"), "png", 16, 16, (y, x) -> x * y * 999));
        for (int i = 45; i < png.length - 16; i++) {
            png[i] = (byte) 0x5A;
        }
        Files.write(dir.resolve("x.png"), png);
        ImageDataLoader loader = open();
        DataException e = assertThrows(DataException.class, () -> loader.get(0));
        assertTrue(e.getMessage().contains("x.png") && e.getMessage().contains("cannot decode"), e.getMessage());
    }

    @Test
    void outOfRangeIndexFails() {
        writeIndexImage();
        ImageDataLoader loader = open();
        assertThrows(IndexOutOfBoundsException.class, () -> loader.get(1));
        assertTrue(loader.description().contains(dir.toString()));
    }
}
