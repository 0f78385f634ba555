package org.pot4j.data.image;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class ImageTensorsTest {
    @TempDir
    Path dir;

    // A 2x3 image whose pixel (y, x) is R = 10y+x, G = 100+10y+x, B = 200+10y+x (A = 50+10y+x where there is alpha).
    private static int red(int y, int x) {
        return 10 * y + x;
    }

    private static int green(int y, int x) {
        return 100 + 10 * y + x;
    }

    private static int blue(int y, int x) {
        return 200 + 10 * y + x;
    }

    private static int alpha(int y, int x) {
        return 50 + 10 * y + x;
    }

    /** The 2x3 test image as [C,H,W] planes: B, G, R. */
    private static final float[] BGR_CHW = {
        200, 201, 202, 210, 211, 212,
        100, 101, 102, 110, 111, 112,
        0, 1, 2, 10, 11, 12};
    private static final float[] RGB_CHW = {
        0, 1, 2, 10, 11, 12,
        100, 101, 102, 110, 111, 112,
        200, 201, 202, 210, 211, 212};
    private static final float[] ALPHA_PLANE = {50, 51, 52, 60, 61, 62};

    private static BufferedImage colour(int type) {
        BufferedImage img = new BufferedImage(3, 2, type);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                img.setRGB(x, y, (alpha(y, x) << 24) | TestImages.rgb(red(y, x), green(y, x), blue(y, x)));
            }
        }
        return img;
    }

    private static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** [C,H,W] values of an H x W image rearranged as [H,W,C]. */
    private static float[] toHwc(float[] chw, int c, int h, int w) {
        float[] hwc = new float[chw.length];
        for (int k = 0; k < c; k++) {
            for (int i = 0; i < h * w; i++) {
                hwc[i * c + k] = chw[k * h * w + i];
            }
        }
        return hwc;
    }

    private static void assertTensor(Shape shape, float[] values, Tensor t) {
        assertEquals(ElementType.F32, t.elementType());
        assertEquals(shape, t.shape());
        assertArrayEquals(values, t.toFloatArray());
    }

    @Test
    void threeByteBgrInEveryLayoutAndOrder() {
        BufferedImage img = colour(BufferedImage.TYPE_3BYTE_BGR);
        assertTensor(Shape.of(1, 3, 2, 3), BGR_CHW, ImageTensors.of(img, ImageLayout.NCHW));
        assertTensor(Shape.of(1, 3, 2, 3), BGR_CHW, ImageTensors.of(img, ImageLayout.NCHW, ColorOrder.BGR));
        assertTensor(Shape.of(1, 3, 2, 3), RGB_CHW, ImageTensors.of(img, ImageLayout.NCHW, ColorOrder.RGB));
        assertTensor(Shape.of(3, 2, 3), BGR_CHW, ImageTensors.of(img, ImageLayout.CHW));
        assertTensor(Shape.of(1, 2, 3, 3), toHwc(BGR_CHW, 3, 2, 3), ImageTensors.of(img, ImageLayout.NHWC));
        assertTensor(Shape.of(2, 3, 3), toHwc(RGB_CHW, 3, 2, 3), ImageTensors.of(img, ImageLayout.HWC, ColorOrder.RGB));
        // NHWC by hand: pixel (0,0) is B 200, G 100, R 0, then pixel (0,1).
        assertArrayEquals(new float[] {200, 100, 0, 201, 101, 1},
                java.util.Arrays.copyOf(ImageTensors.of(img, ImageLayout.NHWC).toFloatArray(), 6));
    }

    @Test
    void packedIntRgbTypesGiveTheSamePixels() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_BGR}) {
            BufferedImage img = colour(type);
            assertTensor(Shape.of(1, 3, 2, 3), BGR_CHW, ImageTensors.of(img, ImageLayout.NCHW));
            assertTensor(Shape.of(3, 2, 3), RGB_CHW, ImageTensors.of(img, ImageLayout.CHW, ColorOrder.RGB));
        }
    }

    @Test
    void alphaIsAFourthChannel() {
        for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR}) {
            BufferedImage img = colour(type);
            assertTensor(Shape.of(1, 4, 2, 3), concat(BGR_CHW, ALPHA_PLANE), ImageTensors.of(img, ImageLayout.NCHW));
            assertTensor(Shape.of(4, 2, 3), concat(RGB_CHW, ALPHA_PLANE),
                    ImageTensors.of(img, ImageLayout.CHW, ColorOrder.RGB));
            assertTensor(Shape.of(1, 2, 3, 4), toHwc(concat(BGR_CHW, ALPHA_PLANE), 4, 2, 3),
                    ImageTensors.of(img, ImageLayout.NHWC));
        }
    }

    @Test
    void premultipliedAlphaComesOutStraight() {
        // Opaque pixels and a fully transparent one: premultiplication loses nothing there, so getRGB is exact.
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        img.setRGB(0, 0, 0xff102030);
        img.setRGB(1, 0, 0x00000000);
        assertTensor(Shape.of(4, 1, 2), new float[] {0x30, 0, 0x20, 0, 0x10, 0, 255, 0},
                ImageTensors.of(img, ImageLayout.CHW));
    }

    @Test
    void byteGrayIsOneChannelOfTheStoredValues() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        int[] values = {0, 1, 128, 200, 254, 255};
        img.getRaster().setPixels(0, 0, 3, 2, values);
        float[] expected = {0, 1, 128, 200, 254, 255};
        // getRGB would give Java's sRGB view of linear gray (128 -> 188); OpenCV and the loader give 128.
        assertTensor(Shape.of(1, 1, 2, 3), expected, ImageTensors.of(img, ImageLayout.NCHW));
        assertTensor(Shape.of(1, 2, 3, 1), expected, ImageTensors.of(img, ImageLayout.NHWC, ColorOrder.RGB));
        assertTensor(Shape.of(2, 3, 1), expected, ImageTensors.of(img, ImageLayout.HWC));
    }

    @Test
    void sixteenBitGrayIsScaledToEightBits() {
        BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        img.getRaster().setPixels(0, 0, 4, 1, new int[] {0, 257 * 100, 257 * 100 + 128, 65535});
        assertTensor(Shape.of(1, 1, 4), new float[] {0, 100, 100, 255}, ImageTensors.of(img, ImageLayout.CHW));
    }

    @Test
    void indexedImagesGiveTheirPaletteColours() {
        byte[] r = {10, 20, (byte) 250};
        byte[] g = {11, 21, (byte) 251};
        byte[] b = {12, 22, (byte) 252};
        IndexColorModel palette = new IndexColorModel(8, 3, r, g, b);
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        img.getRaster().setPixels(0, 0, 3, 1, new int[] {2, 0, 1});
        assertTensor(Shape.of(3, 1, 3), new float[] {252, 12, 22, 251, 11, 21, 250, 10, 20},
                ImageTensors.of(img, ImageLayout.CHW));
        assertTensor(Shape.of(1, 3, 3), new float[] {250, 251, 252, 10, 11, 12, 20, 21, 22},
                ImageTensors.of(img, ImageLayout.HWC, ColorOrder.RGB));
    }

    @Test
    void aSubimageReadsOnlyItsOwnPixels() {
        BufferedImage img = colour(BufferedImage.TYPE_3BYTE_BGR).getSubimage(1, 1, 2, 1); // row 1, columns 1-2
        assertTensor(Shape.of(3, 1, 2), new float[] {211, 212, 111, 112, 11, 12}, ImageTensors.of(img, ImageLayout.CHW));
    }

    /** The 2x3 test image as an OpenCV Mat: 3 channels BGR, 4 BGRA, 1 the red values as gray. */
    private static Mat mat(int channels) {
        byte[] px = new byte[2 * 3 * channels];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int at = (y * 3 + x) * channels;
                int[] bgra = {blue(y, x), green(y, x), red(y, x), alpha(y, x)};
                for (int k = 0; k < channels; k++) {
                    px[at + k] = (byte) (channels == 1 ? red(y, x) : bgra[k]);
                }
            }
        }
        Mat mat = new Mat(2, 3, channels == 1 ? CV_8UC1 : channels == 3 ? CV_8UC3 : CV_8UC4);
        mat.data().put(px);
        return mat;
    }

    @Test
    void matsOfOneThreeAndFourChannels() {
        try (PointerScope scope = new PointerScope()) {
            Mat bgr = mat(3);
            assertTensor(Shape.of(1, 3, 2, 3), BGR_CHW, ImageTensors.of(bgr, ImageLayout.NCHW));
            assertTensor(Shape.of(1, 3, 2, 3), RGB_CHW, ImageTensors.of(bgr, ImageLayout.NCHW, ColorOrder.RGB));
            assertTensor(Shape.of(2, 3, 3), toHwc(BGR_CHW, 3, 2, 3), ImageTensors.of(bgr, ImageLayout.HWC));
            assertTensor(Shape.of(1, 2, 3, 3), toHwc(RGB_CHW, 3, 2, 3),
                    ImageTensors.of(bgr, ImageLayout.NHWC, ColorOrder.RGB));
            assertTensor(Shape.of(4, 2, 3), concat(RGB_CHW, ALPHA_PLANE),
                    ImageTensors.of(mat(4), ImageLayout.CHW, ColorOrder.RGB));
            assertTensor(Shape.of(1, 1, 2, 3), new float[] {0, 1, 2, 10, 11, 12},
                    ImageTensors.of(mat(1), ImageLayout.NCHW, ColorOrder.RGB));
        }
    }

    @Test
    void aRegionOfALargerMatIsCopiedRowByRow() {
        try (PointerScope scope = new PointerScope()) {
            Mat region = new Mat(mat(3), new Rect(1, 0, 2, 2)); // columns 1-2 of both rows
            assertFalse(region.isContinuous());
            assertTensor(Shape.of(3, 2, 2), new float[] {201, 202, 211, 212, 101, 102, 111, 112, 1, 2, 11, 12},
                    ImageTensors.of(region, ImageLayout.CHW));
        }
    }

    @Test
    void matsOfOtherTypesAreRefusedByName() {
        try (PointerScope scope = new PointerScope()) {
            IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                    () -> ImageTensors.of(new Mat(2, 2, CV_32FC3), ImageLayout.NCHW));
            assertTrue(f.getMessage().contains("CV_32FC3"), f.getMessage());
            IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                    () -> ImageTensors.of(new Mat(2, 2, CV_8UC2), ImageLayout.NCHW));
            assertTrue(two.getMessage().contains("CV_8UC2"), two.getMessage());
            IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                    () -> ImageTensors.of(new Mat(), ImageLayout.NCHW));
            assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        }
    }

    @Test
    void badArgumentsAreRefused() {
        BufferedImage img = colour(BufferedImage.TYPE_INT_RGB);
        assertThrows(NullPointerException.class, () -> ImageTensors.of((BufferedImage) null, ImageLayout.NCHW));
        assertThrows(NullPointerException.class, () -> ImageTensors.of(img, null));
        assertThrows(NullPointerException.class, () -> ImageTensors.of(img, ImageLayout.NCHW, null));
        assertThrows(NullPointerException.class, () -> ImageTensors.of((Mat) null, ImageLayout.NCHW));
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.of(img, ImageLayout.NCHW, ColorOrder.BGR, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> ImageTensors.of(img, ImageLayout.NCHW, ColorOrder.BGR, 4, -1));
    }

    // ---- equality with the image loader for the same PNG file ----

    private Tensor loaderTensor(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("data_source", dir.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ImageDataLoader.open(ImageLoaderConfig.fromMap(m)).get(0).inputs().get("");
    }

    /** The loader's sample with the batch axis of 1 that ImageTensors gives N layouts. */
    private static Tensor batched(Tensor sample) {
        long[] d = sample.shape().dims();
        return sample.reshape(Shape.of(1, d[0], d[1], d[2]));
    }

    /** A 7x5 PNG with varied colours (not a smooth ramp, so that resizing mixes distinct values). */
    private Path writeColourPng() {
        return TestImages.write(dir.resolve("c.png"), "png", 7, 5,
                (y, x) -> TestImages.rgb((37 * y + 11 * x) % 256, (91 * x + 13 * y * y) % 256, (y * x * 29 + 7) % 256));
    }

    @Test
    void aColourPngEqualsTheLoadersSample() throws IOException {
        BufferedImage img = ImageIO.read(writeColourPng().toFile());
        Tensor tensor = ImageTensors.of(img, ImageLayout.NCHW);
        assertEquals(Shape.of(1, 3, 7, 5), tensor.shape());
        assertArrayEquals(batched(loaderTensor()).toFloatArray(), tensor.toFloatArray());
        assertEquals(batched(loaderTensor()).shape(), tensor.shape());
        Tensor rgbLast = ImageTensors.of(img, ImageLayout.HWC, ColorOrder.RGB);
        Tensor loaderRgbLast = loaderTensor("layout", "HWC", "color_order", "RGB");
        assertEquals(loaderRgbLast.shape(), rgbLast.shape());
        assertArrayEquals(loaderRgbLast.toFloatArray(), rgbLast.toFloatArray());
    }

    @Test
    void grayAndAlphaPngsEqualTheLoadersSamplesOfAsManyChannels() throws IOException {
        Path gray = TestImages.writeGray(dir.resolve("g.png"), "png", 4, 6, (y, x) -> (53 * y + 17 * x) % 256);
        Tensor grayTensor = ImageTensors.of(ImageIO.read(gray.toFile()), ImageLayout.NCHW);
        assertEquals(Shape.of(1, 1, 4, 6), grayTensor.shape());
        assertArrayEquals(loaderTensor("channels", 1).toFloatArray(), grayTensor.toFloatArray());
        java.nio.file.Files.delete(gray);

        Path argb = TestImages.writeArgb(dir.resolve("a.png"), 4, 6,
                (y, x) -> ((40 * y + 9 * x) << 24) | TestImages.rgb(3 * x, 200 - 7 * y, 31 * x * y % 256));
        Tensor argbTensor = ImageTensors.of(ImageIO.read(argb.toFile()), ImageLayout.NHWC);
        assertEquals(Shape.of(1, 4, 6, 4), argbTensor.shape());
        assertArrayEquals(loaderTensor("channels", 4, "layout", "NHWC").toFloatArray(), argbTensor.toFloatArray());
    }

    @Test
    void resizingMatchesTheLoadersResize() throws IOException {
        BufferedImage img = ImageIO.read(writeColourPng().toFile());
        for (int[] size : new int[][] {{3, 4}, {11, 9}, {7, 5}}) {
            Tensor tensor = ImageTensors.of(img, ImageLayout.NCHW, ColorOrder.BGR, size[0], size[1]);
            Tensor loader = batched(loaderTensor("size", List.of(size[0], size[1])));
            assertEquals(loader.shape(), tensor.shape());
            assertArrayEquals(loader.toFloatArray(), tensor.toFloatArray(), "size " + size[0] + "x" + size[1]);
        }
        Tensor rgbLast = ImageTensors.of(img, ImageLayout.HWC, ColorOrder.RGB, 3, 4);
        Tensor loaderRgbLast = loaderTensor("size", List.of(3, 4), "layout", "HWC", "color_order", "RGB");
        assertEquals(Shape.of(3, 4, 3), rgbLast.shape());
        assertArrayEquals(loaderRgbLast.toFloatArray(), rgbLast.toFloatArray());
    }

    // ---- natives ----

    /** A class loader of the test class path that says which classes it has loaded. */
    private static final class FreshLoader extends URLClassLoader {
        FreshLoader() throws IOException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() throws IOException {
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        }
    }

    /** Calls ImageTensors as user code does (reflection on ImageTensors itself would load every parameter type). */
    public static final class BufferedImageCall implements Function<BufferedImage, Object> {
        @Override
        public Object apply(BufferedImage image) {
            return ImageTensors.of(image, ImageLayout.NCHW).shape();
        }
    }

    @Test
    void theBufferedImagePathLoadsNoOpenCv() throws Exception {
        // Other tests in this JVM have loaded OpenCV already, so this runs ImageTensors in a class loader of its own.
        try (FreshLoader fresh = new FreshLoader()) {
            @SuppressWarnings("unchecked")
            Function<BufferedImage, Object> call = (Function<BufferedImage, Object>)
                    fresh.loadClass(BufferedImageCall.class.getName()).getConstructor().newInstance();
            Object shape = call.apply(colour(BufferedImage.TYPE_3BYTE_BGR));
            assertEquals(Shape.of(1, 3, 2, 3).toString(), shape.toString());
            assertTrue(fresh.loaded(ImageTensors.class.getName()));
            assertFalse(fresh.loaded(CvImageDecoder.class.getName()), "CvImageDecoder was loaded");
            assertFalse(fresh.loaded("org.bytedeco.opencv.opencv_core.Mat"), "OpenCV's Mat was loaded");
            assertFalse(fresh.loaded("org.bytedeco.javacpp.Loader"), "JavaCPP's Loader was loaded");
        }
    }
}
