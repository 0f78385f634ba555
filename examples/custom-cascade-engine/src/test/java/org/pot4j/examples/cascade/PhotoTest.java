package org.pot4j.examples.cascade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** The two stage inputs cut from a photo, on a 3x6x6 photo for stages of 3x3 inputs. */
class PhotoTest {
    /** Channel c, row y, column x holds 100c + 10y + x. */
    private static Tensor photo() {
        float[] v = new float[3 * 6 * 6];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    v[(c * 6 + y) * 6 + x] = 100 * c + 10 * y + x;
                }
            }
        }
        return Tensor.of(v, 3, 6, 6);
    }

    @Test
    void theOverviewIsTheMeanOfEach2x2Block() {
        Tensor halved = Photo.of(photo(), 3, 3).halved();
        assertEquals(Shape.of(1, 3, 3, 3), halved.shape());
        float[] v = halved.toFloatArray();
        // block (y 0..1, x 0..1) of channel 0: (0 + 1 + 10 + 11) / 4
        assertEquals(5.5f, v[0]);
        // channel 2, block (y 4..5, x 2..3): 200 + (42 + 43 + 52 + 53) / 4
        assertEquals(247.5f, v[(2 * 3 + 2) * 3 + 1]);
    }

    @Test
    void theZoomIsTheCentreAtFullResolution() {
        Tensor crop = Photo.of(photo(), 3, 3).centreCrop();
        assertEquals(Shape.of(1, 3, 3, 3), crop.shape());
        float[] v = crop.toFloatArray();
        // rows and columns 1..3 of 0..5 (the crop starts at (6 - 3) / 2 = 1)
        assertArrayEquals(new float[] {11, 12, 13, 21, 22, 23, 31, 32, 33}, java.util.Arrays.copyOf(v, 9));
        assertEquals(233f, v[26], "channel 2, row 3, column 3");
    }

    @Test
    void aPhotoMustBeTwiceTheStageSize() {
        DataException e = assertThrows(DataException.class, () -> Photo.of(photo(), 4, 4));
        assertEquals("the zoom-in cascade takes photos of shape [3,8,8] (channels first, twice the stage input size, "
                + "no batch axis), got [3,6,6]", e.getMessage());
    }
}
