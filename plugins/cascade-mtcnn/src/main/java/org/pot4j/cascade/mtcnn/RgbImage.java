package org.pot4j.cascade.mtcnn;

import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A 3-channel image as float planes (channel-major, RGB as the loader gave it, 0..255), with the two resamplings
 * MT-CNN needs: the pyramid levels and the stage crops.
 */
final class RgbImage {
    private final float[] planes;
    private final int height;
    private final int width;
    /** Per channel, the sums of all pixels above and left of each corner: any window's sum in four reads. */
    private double[] integral;

    private RgbImage(float[] planes, int height, int width) {
        this.planes = planes;
        this.height = height;
        this.width = width;
    }

    /**
     * The image of a sample tensor: {@code [3,H,W]} or {@code [H,W,3]}, optionally with a leading batch of 1.
     *
     * @throws DataException naming the shape when it is neither
     */
    static RgbImage of(Tensor t) {
        long[] d = t.shape().dims();
        if (d.length == 4 && d[0] == 1) {
            d = new long[] {d[1], d[2], d[3]};
        }
        if (d.length != 3 || (d[0] != 3 && d[2] != 3)) {
            throw new DataException("the mtcnn engine needs a whole 3-channel image, [3,H,W] or [H,W,3], got a tensor of "
                    + "shape " + t.shape() + " (configure the image loader without input_shape/size, color_order RGB)");
        }
        float[] v = t.toFloatArray();
        if (d[0] == 3) {
            return new RgbImage(v, (int) d[1], (int) d[2]);
        }
        int h = (int) d[0];
        int w = (int) d[1];
        float[] p = new float[v.length];
        int n = h * w;
        for (int i = 0; i < n; i++) {
            p[i] = v[3 * i];
            p[n + i] = v[3 * i + 1];
            p[2 * n + i] = v[3 * i + 2];
        }
        return new RgbImage(p, h, w);
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /**
     * Rows {@code [y0,y1)} and columns {@code [x0,x1)} resized to {@code outH x outW} by area averaging (PyTorch's
     * {@code interpolate(mode="area")}, i.e. adaptive average pooling, which facenet-pytorch's MT-CNN uses for both
     * the pyramid and the crops), normalised as MT-CNN expects, {@code (x - 127.5) * 0.0078125}, written into
     * {@code dst} from {@code offset} as {@code [3,outH,outW]}, or {@code [3,outW,outH]} when {@code transposed}.
     */
    void resampleInto(int y0, int y1, int x0, int x1, int outH, int outW, boolean transposed, float[] dst, int offset) {
        int inH = y1 - y0;
        int inW = x1 - x0;
        int[] ys = new int[outH + 1];
        int[] ye = new int[outH];
        int[] xs = new int[outW];
        int[] xe = new int[outW];
        for (int i = 0; i < outH; i++) {
            ys[i] = y0 + (int) Math.floor((double) i * inH / outH);
            ye[i] = y0 + (int) Math.ceil((double) (i + 1) * inH / outH);
        }
        for (int j = 0; j < outW; j++) {
            xs[j] = x0 + (int) Math.floor((double) j * inW / outW);
            xe[j] = x0 + (int) Math.ceil((double) (j + 1) * inW / outW);
        }
        double[] sums = integral();
        int stride = width + 1;
        int plane = (height + 1) * stride;
        int outPlane = outH * outW;
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int i = 0; i < outH; i++) {
                int top = base + ys[i] * stride;
                int bottom = base + ye[i] * stride;
                int rows = ye[i] - ys[i];
                for (int j = 0; j < outW; j++) {
                    double sum = sums[bottom + xe[j]] - sums[bottom + xs[j]] - sums[top + xe[j]] + sums[top + xs[j]];
                    float mean = (float) (sum / (rows * (xe[j] - xs[j])));
                    int at = transposed ? j * outH + i : i * outW + j;
                    dst[offset + c * outPlane + at] = (mean - 127.5f) * 0.0078125f;
                }
            }
        }
    }

    /**
     * The summed-area tables, built on first use: crops of large candidate boxes would otherwise cost a sum over
     * every pixel they cover (hundreds of large boxes at coarse pyramid levels made crops dominate the run time).
     * Doubles keep sums of 8-bit pixels exact far beyond the sizes of photos.
     */
    private double[] integral() {
        if (integral == null) {
            int stride = width + 1;
            int plane = (height + 1) * stride;
            double[] t = new double[3 * plane];
            for (int c = 0; c < 3; c++) {
                int base = c * plane;
                int src = c * height * width;
                for (int y = 0; y < height; y++) {
                    double row = 0;
                    int at = base + (y + 1) * stride;
                    for (int x = 0; x < width; x++) {
                        row += planes[src + y * width + x];
                        t[at + x + 1] = t[at - stride + x + 1] + row;
                    }
                }
            }
            integral = t;
        }
        return integral;
    }

    /** The whole image resized to {@code outH x outW} as a normalised batch of one, {@code [1,3,H,W]} or transposed. */
    Tensor level(int outH, int outW, boolean transposed) {
        float[] dst = new float[3 * outH * outW];
        resampleInto(0, height, 0, width, outH, outW, transposed, dst, 0);
        return Tensor.ofFloats(transposed ? Shape.of(1, 3, outW, outH) : Shape.of(1, 3, outH, outW), dst);
    }
}
