package org.pot4j.data.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class TransformsTest {
    private static Image row(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return Image.ofBytes(1, values.length, 1, b);
    }

    private static float[] values(Image img) {
        float[] v = new float[img.height() * img.width() * img.channels()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                for (int c = 0; c < img.channels(); c++) {
                    v[(y * img.width() + x) * img.channels() + c] = img.get(y, x, c);
                }
            }
        }
        return v;
    }

    @Test
    void bilinearUpscaleUsesHalfPixelCentresAndClampsEdges() {
        // Source x of output column d is (d + 0.5) * 2/4 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        assertArrayEquals(new float[] {0, 25, 75, 100}, values(Resize.to(1, 4).apply(row(0, 100))));
        Image floats = Image.ofFloats(1, 2, 1, new float[] {0, 10});
        Image up = Resize.to(1, 4).apply(floats);
        assertTrue(!up.isBytes());
        assertArrayEquals(new float[] {0, 2.5f, 7.5f, 10}, values(up));
        // 8-bit output rounds half up: 2.5 -> 3, 7.5 -> 8.
        assertArrayEquals(new float[] {0, 3, 8, 10}, values(Resize.to(1, 4).apply(row(0, 10))));
    }

    @Test
    void bilinearDownscaleAveragesNeighbours() {
        // Source x = (d + 0.5) * 2 - 0.5 = 0.5 and 2.5: midpoints of (0, 10) and (20, 30).
        assertArrayEquals(new float[] {5, 25}, values(Resize.to(1, 2).apply(row(0, 10, 20, 30))));
    }

    @Test
    void bilinearInTwoDimensions() {
        // 2x2 -> 3x3: source coordinate of index 1 is (1.5 * 2/3 - 0.5) = 0.5, so the centre is the mean of all four.
        Image in = Image.ofFloats(2, 2, 1, new float[] {0, 12, 24, 36});
        Image out = Resize.to(3, 3).apply(in);
        assertEquals(18f, out.get(1, 1, 0), 1e-5);
        assertEquals(6f, out.get(0, 1, 0), 1e-5);
        assertEquals(0f, out.get(0, 0, 0));
        assertEquals(36f, out.get(2, 2, 0));
    }

    @Test
    void shorterSideKeepsAspectRatioTruncatingTheLongSide() {
        Image wide = Image.ofBytes(4, 7, 1, new byte[28]);
        Image r = Resize.shorterSide(2).apply(wide);
        assertEquals(2, r.height());
        assertEquals(3, r.width()); // int(2 * 7 / 4) = 3
        Image tall = Image.ofBytes(6, 4, 3, new byte[72]);
        Image t = Resize.shorterSide(3).apply(tall);
        assertEquals(4, t.height()); // int(3 * 6 / 4) = 4
        assertEquals(3, t.width());
        assertSame(wide, Resize.to(4, 7).apply(wide));
    }

    @Test
    void nearestPicksFloorOfScaledIndex() {
        assertArrayEquals(new float[] {0, 0, 10, 10}, values(Resize.to(1, 4, Resize.Filter.NEAREST).apply(row(0, 10))));
        assertArrayEquals(new float[] {0, 20}, values(Resize.to(1, 2, Resize.Filter.NEAREST).apply(row(0, 10, 20, 30))));
    }

    @Test
    void centerCropRoundsHalfToEvenAsPython() {
        // (5 - 2) / 2 = 1.5 -> round() = 2; (5 - 4) / 2 = 0.5 -> round() = 0.
        assertArrayEquals(new float[] {2, 3}, values(CenterCrop.of(1, 2).apply(row(0, 1, 2, 3, 4))));
        assertArrayEquals(new float[] {0, 1, 2, 3}, values(CenterCrop.of(1, 4).apply(row(0, 1, 2, 3, 4))));
        Image sq = Image.ofFloats(3, 3, 1, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8});
        assertArrayEquals(new float[] {4}, values(CenterCrop.of(1).apply(sq)));
    }

    @Test
    void centerCropLargerThanTheImagePadsWithZeros() {
        // torchvision pads (5 - 2) // 2 = 1 column before and 2 after.
        assertArrayEquals(new float[] {0, 7, 9, 0, 0}, values(CenterCrop.of(1, 5).apply(row(7, 9))));
    }

    @Test
    void toTensorGivesChwDividedBy255() {
        Image img = Image.ofBytes(1, 2, 3, new byte[] {(byte) 255, 0, 51, 102, (byte) 204, 0});
        Tensor t = new ToTensor().apply(img);
        assertEquals(Shape.of(3, 1, 2), t.shape());
        assertArrayEquals(new float[] {1f, 102 / 255f, 0f, 204 / 255f, 51 / 255f, 0f}, t.toFloatArray());
        Tensor f = new ToTensor().apply(Image.ofFloats(1, 1, 2, new float[] {300, -1}));
        assertArrayEquals(new float[] {300, -1}, f.toFloatArray());
    }

    @Test
    void normalizeIsPerChannel() {
        Tensor t = Tensor.ofFloats(new float[] {0.5f, 1f, 0.5f, 0f, 0.5f, 0.25f}, 3, 1, 2);
        Tensor n = Normalize.imagenet().apply(t);
        assertArrayEquals(new float[] {(0.5f - 0.485f) / 0.229f, (1f - 0.485f) / 0.229f, (0.5f - 0.456f) / 0.224f,
                (0f - 0.456f) / 0.224f, (0.5f - 0.406f) / 0.225f, (0.25f - 0.406f) / 0.225f}, n.toFloatArray());
        assertEquals(t.shape(), n.shape());
        DataException e = assertThrows(DataException.class, () -> Normalize.imagenet().apply(Tensor.ofFloats(new float[4], 4, 1)));
        assertTrue(e.getMessage().contains("[4,1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {1}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new float[] {1, 2}, new float[] {1}));
    }

    @Test
    void composeChainsTypedStepsInOrder() {
        Compose<Image, Tensor> pipeline = Compose.of(Resize.to(1, 4))
                .then(CenterCrop.of(1, 2))
                .then(new ToTensor())
                .then(new Lambda<Tensor, Tensor>(x -> Tensor.ofFloats(x.shape(), x.getFloat(0) * 255, x.getFloat(1) * 255), "x255"));
        // Resize [0, 100] -> [0, 25, 75, 100]; crop (4-2)/2 = 1 -> [25, 75]; ToTensor /255; Lambda *255.
        assertArrayEquals(new float[] {25, 75}, pipeline.apply(row(0, 100)).toFloatArray(), 1e-4f);
        assertEquals(4, pipeline.steps().size());
        assertTrue(pipeline.toString().contains("Resize(1, 4)") && pipeline.toString().contains("x255"), pipeline.toString());
        Transform<Integer, Integer> twice = new Lambda<Integer, Integer>(x -> x + 1).andThen(x -> x * 2);
        assertEquals(8, twice.apply(3));
    }

    @Test
    void imageChecksItsSizes() {
        assertThrows(IllegalArgumentException.class, () -> Image.ofBytes(2, 2, 1, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> new Image(1, 1, 1, new byte[1], new float[1]));
        assertThrows(IllegalArgumentException.class, () -> Image.ofFloats(0, 1, 1, new float[0]));
        assertEquals(row(1, 2), row(1, 2));
    }
}
