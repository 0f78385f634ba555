package org.pot4j.data.image;

import java.util.List;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Turns decoded 8-bit pixels into the f32 sample tensor: channel order (BGR or RGB), {@code (x - mean) / scale} per
 * output channel, and {@code [C,H,W]} or {@code [H,W,C]} order. No batch dimension: engines add it.
 */
final class ImageTensorEncoder {
    private final boolean channelsFirst;
    private final boolean swapToRgb;
    private final float[] mean;
    private final float[] scale;

    ImageTensorEncoder(ImageLayout layout, ColorOrder colorOrder, List<Double> mean, List<Double> scale) {
        this.channelsFirst = layout.channelsFirst();
        this.swapToRgb = colorOrder == ColorOrder.RGB;
        this.mean = toFloats(mean);
        this.scale = toFloats(scale);
    }

    Tensor encode(DecodedImage image) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        byte[] px = image.pixels();
        float[] out = new float[h * w * c];
        for (int oc = 0; oc < c; oc++) {
            // OpenCV gives BGR(A); output channel oc < 3 of an RGB(A) sample is source channel 2 - oc, alpha stays.
            int sc = swapToRgb && c >= 3 && oc < 3 ? 2 - oc : oc;
            float m = mean[oc];
            float s = scale[oc];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = ((px[(y * w + x) * c + sc] & 0xff) - m) / s;
                    out[channelsFirst ? (oc * h + y) * w + x : (y * w + x) * c + oc] = v;
                }
            }
        }
        Shape shape = channelsFirst ? Shape.of(c, h, w) : Shape.of(h, w, c);
        return Tensor.ofFloats(shape, out);
    }

    private static float[] toFloats(List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i).floatValue();
        }
        return f;
    }
}
