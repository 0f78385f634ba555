package org.pot4j.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Resizing must be OpenCV's INTER_LINEAR (half-pixel centres, edge pixels repeated), checked pixel by pixel against
 * bilinear interpolation computed here in double precision. Pixel values are multiples of 16 and the scale factors
 * give weights of 1/4 and 3/4, so OpenCV's 11-bit fixed-point weights are exact and no rounding is involved.
 */
class CvResizeExactnessTest {
    @TempDir
    Path dir;

    private static int red(int y, int x) {
        return 16 * (y * 2 + x);
    }

    private static int green(int y, int x) {
        return 240 - 32 * y - 16 * x;
    }

    private static int blue(int y, int x) {
        return 64 + 16 * x;
    }

    @Test
    void linearResizeOfASmallPngIsPixelExact() {
        int srcH = 3;
        int srcW = 2;
        Path png = TestImages.write(dir.resolve("small.png"), "png", srcH, srcW,
                (y, x) -> TestImages.rgb(red(y, x), green(y, x), blue(y, x)));
        int dstH = 2;
        int dstW = 4;
        ImageDataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                "data_source", dir.toString(), "size", List.of(dstH, dstW))));
        Tensor t = loader.get(0).inputs().get("");
        assertEquals(Shape.of(3, dstH, dstW), t.shape());

        float[] expected = new float[3 * dstH * dstW];
        int[][][] src = new int[3][srcH][srcW];
        for (int y = 0; y < srcH; y++) {
            for (int x = 0; x < srcW; x++) {
                src[0][y][x] = blue(y, x); // BGR: channel 0 is blue
                src[1][y][x] = green(y, x);
                src[2][y][x] = red(y, x);
            }
        }
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < dstH; y++) {
                for (int x = 0; x < dstW; x++) {
                    expected[(c * dstH + y) * dstW + x] = (float) bilinear(src[c], y, x, dstH, dstW);
                }
            }
        }
        assertArrayEquals(expected, t.toFloatArray());
        // Spot values worked by hand: blue of row 0 is 64,68,76,80 (columns weigh 0/1, 3/4+1/4, 1/4+3/4, 1/0).
        assertArrayEquals(new float[] {64, 68, 76, 80}, java.util.Arrays.copyOfRange(t.toFloatArray(), 0, 4));
    }

    /** Bilinear sample at destination (y, x) with half-pixel centres and clamped edges, as cv::resize INTER_LINEAR. */
    private static double bilinear(int[][] src, int dy, int dx, int dstH, int dstW) {
        double[] wy = weights(dy, src.length, dstH);
        double[] wx = weights(dx, src[0].length, dstW);
        int y0 = (int) wy[0];
        int y1 = (int) wy[1];
        int x0 = (int) wx[0];
        int x1 = (int) wx[1];
        double top = src[y0][x0] * (1 - wx[2]) + src[y0][x1] * wx[2];
        double bottom = src[y1][x0] * (1 - wx[2]) + src[y1][x1] * wx[2];
        return top * (1 - wy[2]) + bottom * wy[2];
    }

    /** {first index, second index, weight of the second} for destination coordinate d. */
    private static double[] weights(int d, int srcSize, int dstSize) {
        double f = (d + 0.5) * srcSize / dstSize - 0.5;
        if (f <= 0) {
            return new double[] {0, 0, 0};
        }
        int i = (int) Math.floor(f);
        if (i >= srcSize - 1) {
            return new double[] {srcSize - 1, srcSize - 1, 0};
        }
        return new double[] {i, i + 1, f - i};
    }
}
