package org.pot4j.examples.cascade;

import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * One photo {@code [3, 2H, 2W]} as a data loader gives it, cut into the two {@code [1, 3, H, W]} stage inputs of a
 * {@link ZoomInCascade}.
 */
final class Photo {
    private final float[] pixels;
    private final int height;
    private final int width;

    private Photo(float[] pixels, int height, int width) {
        this.pixels = pixels;
        this.height = height;
        this.width = width;
    }

    /**
     * Wraps a sample for stages of {@code height x width} inputs.
     *
     * @throws DataException when the sample is not {@code [3, 2 * height, 2 * width]}
     */
    static Photo of(Tensor sample, int height, int width) {
        Shape s = sample.shape();
        if (s.rank() != 3 || s.dim(0) != 3 || s.dim(1) != 2L * height || s.dim(2) != 2L * width) {
            throw new DataException("the zoom-in cascade takes photos of shape [3," + 2 * height + "," + 2 * width
                    + "] (channels first, twice the stage input size, no batch axis), got " + s);
        }
        return new Photo(sample.toFloatArray(), height, width);
    }

    /** The whole photo at half resolution (the mean of each 2x2 block), with a batch axis of one. */
    Tensor halved() {
        int fullWidth = 2 * width;
        int plane = 4 * height * width;
        float[] out = new float[3 * height * width];
        int o = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                int row = c * plane + 2 * y * fullWidth;
                for (int x = 0; x < width; x++) {
                    int at = row + 2 * x;
                    out[o++] = (pixels[at] + pixels[at + 1] + pixels[at + fullWidth] + pixels[at + fullWidth + 1]) / 4;
                }
            }
        }
        return Tensor.of(out, 1, 3, height, width);
    }

    /** The centre {@code height x width} of the photo at full resolution, with a batch axis of one. */
    Tensor centreCrop() {
        int fullWidth = 2 * width;
        int plane = 4 * height * width;
        int top = height / 2;
        int left = width / 2;
        float[] out = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(pixels, c * plane + (top + y) * fullWidth + left, out, (c * height + y) * width, width);
            }
        }
        return Tensor.of(out, 1, 3, height, width);
    }
}
