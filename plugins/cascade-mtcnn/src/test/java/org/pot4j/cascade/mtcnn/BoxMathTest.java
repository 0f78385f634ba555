package org.pot4j.cascade.mtcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** The box arithmetic of MT-CNN against values worked out by hand. */
class BoxMathTest {
    @Test
    void regressionMovesCornersByFractionsOfTheSize() {
        FaceBox b = new FaceBox(10, 20, 30, 60, 0.9f, new float[] {0.1f, -0.1f, 0.5f, 0f}, null);
        FaceBox p = b.regressed(0f);   // w 20, h 40
        assertArrayEquals(new float[] {12, 16, 40, 60}, new float[] {p.x1(), p.y1(), p.x2(), p.y2()}, 1e-5f);
        FaceBox r = b.regressed(1f);   // w 21, h 41
        assertArrayEquals(new float[] {12.1f, 15.9f, 40.5f, 60}, new float[] {r.x1(), r.y1(), r.x2(), r.y2()}, 1e-5f);
    }

    @Test
    void squaringKeepsTheCentreAndTakesTheLongerSide() {
        FaceBox s = new FaceBox(10, 20, 30, 60, 1f).squared();
        assertArrayEquals(new float[] {0, 20, 40, 60}, new float[] {s.x1(), s.y1(), s.x2(), s.y2()}, 1e-5f);
    }

    @Test
    void unionSuppressionDropsOverlapsAboveTheThresholdOnly() {
        FaceBox best = new FaceBox(0, 0, 10, 10, 0.9f);
        FaceBox overlapping = new FaceBox(1, 0, 11, 10, 0.8f);   // IoU 90/110 = 0.818
        FaceBox touching = new FaceBox(5, 0, 15, 10, 0.7f);      // IoU 50/150 = 0.333
        FaceBox apart = new FaceBox(20, 20, 30, 30, 0.95f);
        List<FaceBox> kept = NonMaxSuppression.select(List.of(best, overlapping, touching, apart), 0.5f,
                NonMaxSuppression.Overlap.UNION);
        assertEquals(List.of(apart, best, touching), kept);
    }

    @Test
    void minSuppressionDropsABoxInsideABetterOne() {
        FaceBox big = new FaceBox(0, 0, 99, 99, 0.9f);
        FaceBox inside = new FaceBox(10, 10, 29, 29, 0.8f);     // IoU 0.04, overlap/min 1.0
        assertEquals(List.of(big, inside), NonMaxSuppression.select(List.of(big, inside), 0.7f,
                NonMaxSuppression.Overlap.UNION));
        assertEquals(List.of(big), NonMaxSuppression.select(List.of(big, inside), 0.7f, NonMaxSuppression.Overlap.MIN));
    }

    @Test
    void areaResamplingAveragesWindowsAndNormalises() {
        // one channel pattern 0, 255 in a 2x4 image (the same in all channels), down to 1x2
        float[] v = new float[3 * 8];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 8; i++) {
                v[c * 8 + i] = i % 2 == 0 ? 0 : 255;
            }
        }
        RgbImage img = RgbImage.of(Tensor.ofFloats(Shape.of(3, 2, 4), v));
        Tensor level = img.level(1, 2, false);
        assertEquals(Shape.of(1, 3, 1, 2), level.shape());
        assertEquals(0f, level.getFloat(0), 1e-6f, "mean 127.5 normalises to 0");
        // transposed: [1,3,W,H]; a 2x4 -> 2x4 copy puts pixel (y, x) at (x, y)
        Tensor t = img.level(2, 4, true);
        assertEquals(Shape.of(1, 3, 4, 2), t.shape());
        assertEquals((255 - 127.5f) * 0.0078125f, t.getFloat(1 * 2 + 0), 1e-6f, "pixel y0 x1");
    }

    @Test
    void hwcImagesAreAcceptedAndOtherShapesNamed() {
        RgbImage img = RgbImage.of(Tensor.ofFloats(Shape.of(1, 2, 3), 1, 2, 3, 4, 5, 6));
        assertEquals(1, img.height());
        assertEquals(2, img.width());
        org.pot4j.api.error.DataException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.pot4j.api.error.DataException.class, () -> RgbImage.of(Tensor.zeros(
                        org.pot4j.api.tensor.ElementType.F32, Shape.of(3, 24, 24, 2))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[3,24,24,2]"), e.getMessage());
    }

    @Test
    void pyramidScalesFollowMinFaceSizeAndFactor() {
        List<Double> s = new MtcnnCascade(MtcnnOptions.defaults()).scales(100, 200);
        // 12/20 = 0.6: 60 px, then x0.709 while the shorter side stays >= 12: 60, 42.5, 30.2, 21.4, 15.2
        assertEquals(5, s.size());
        assertEquals(0.6, s.get(0), 1e-12);
        assertEquals(0.6 * 0.709 * 0.709, s.get(2), 1e-12);
    }
}
