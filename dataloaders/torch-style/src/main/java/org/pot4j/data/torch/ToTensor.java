package org.pot4j.data.torch;

import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * An HWC image to a {@code [C,H,W]} f32 tensor, as {@code torchvision.transforms.ToTensor}: 8-bit values are divided
 * by 255 (to 0..1), float values are kept as they are.
 */
public final class ToTensor implements Transform<Image, Tensor> {
    @Override
    public Tensor apply(Image in) {
        int h = in.height();
        int w = in.width();
        int c = in.channels();
        float[] out = new float[h * w * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    float v = in.get(y, x, ch);
                    out[(ch * h + y) * w + x] = in.isBytes() ? v / 255f : v;
                }
            }
        }
        return Tensor.ofFloats(Shape.of(c, h, w), out);
    }

    @Override
    public String toString() {
        return "ToTensor()";
    }
}
