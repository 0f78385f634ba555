package org.pot4j.data.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngColorProfileTest {
    @TempDir
    Path tmp;

    /** A PNG written by ImageIO with an sRGB colour profile inserted right after IHDR, as cameras and editors do. */
    private byte[] pngWithProfile() throws IOException {
        Path file = TestImages.write(tmp.resolve("p.png"), "png", 9, 7, (y, x) -> TestImages.rgb(30 * y, 20 * x, 5 * (x + y)));
        byte[] png = Files.readAllBytes(file);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write("ICC Profile".getBytes(StandardCharsets.ISO_8859_1));
        data.write(0); // end of the name
        data.write(0); // zlib compression
        try (DeflaterOutputStream z = new DeflaterOutputStream(data)) {
            z.write(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        }
        byte[] body = data.toByteArray();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.write(new byte[] {(byte) (body.length >>> 24), (byte) (body.length >>> 16), (byte) (body.length >>> 8),
                (byte) body.length});
        byte[] typeAndBody = new byte[4 + body.length];
        System.arraycopy("iCCP".getBytes(StandardCharsets.ISO_8859_1), 0, typeAndBody, 0, 4);
        System.arraycopy(body, 0, typeAndBody, 4, body.length);
        chunk.write(typeAndBody);
        CRC32 crc = new CRC32();
        crc.update(typeAndBody);
        long c = crc.getValue();
        chunk.write(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        int afterIhdr = 8 + 12 + 13;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterIhdr);
        out.write(chunk.toByteArray());
        out.write(png, afterIhdr, png.length - afterIhdr);
        return out.toByteArray();
    }

    private static boolean hasChunk(byte[] png, String type) {
        return new String(png, StandardCharsets.ISO_8859_1).contains(type);
    }

    @Test
    void theProfileChunkGoesAndTheRestStays() throws IOException {
        byte[] png = pngWithProfile();
        assertTrue(hasChunk(png, "iCCP"));
        byte[] stripped = PngColorProfile.strip(png);
        assertTrue(!hasChunk(stripped, "iCCP") && hasChunk(stripped, "IHDR") && hasChunk(stripped, "IDAT")
                && hasChunk(stripped, "IEND"));
        assertTrue(stripped.length < png.length);
    }

    /** OpenCV's own decoding of the bytes as they are, profile included. */
    private static byte[] opencvPixels(byte[] png, int flag) {
        try (PointerScope scope = new PointerScope()) {
            Mat image = imdecode(new Mat(1, png.length, CV_8UC1, new BytePointer(png)), flag);
            byte[] pixels = new byte[image.rows() * image.cols() * image.channels()];
            image.data().get(pixels);
            return pixels;
        }
    }

    @Test
    void pixelsAreTheSameAsOpenCvGivesWithTheProfile() throws IOException {
        byte[] png = pngWithProfile();
        for (int channels : new int[] {1, 3}) {
            DecodedImage decoded = CvImageDecoder.decode(png, channels, 1, 0, 0, Interpolation.LINEAR, "p.png");
            assertEquals(9, decoded.originalHeight());
            assertArrayEquals(opencvPixels(png, channels == 1 ? IMREAD_GRAYSCALE : IMREAD_COLOR), decoded.pixels(),
                    channels + " channels");
        }
        assertArrayEquals(opencvPixels(png, IMREAD_UNCHANGED), opencvPixels(PngColorProfile.strip(png),
                IMREAD_UNCHANGED), "as stored (the 4-channel decode)");
    }

    @Test
    void otherBytesAreLeftAlone() throws IOException {
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 2};
        assertSame(jpeg, PngColorProfile.strip(jpeg));
        byte[] plain = Files.readAllBytes(TestImages.write(tmp.resolve("q.png"), "png", 2, 2, (y, x) -> 0));
        assertSame(plain, PngColorProfile.strip(plain), "no profile, nothing copied");
        byte[] truncated = java.util.Arrays.copyOf(pngWithProfile(), 40);
        assertSame(truncated, PngColorProfile.strip(truncated), "a broken chunk structure is OpenCV's to report");
    }
}
