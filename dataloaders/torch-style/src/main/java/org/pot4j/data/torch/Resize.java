package org.pot4j.data.torch;

/**
 * Resizes an image, as {@code torchvision.transforms.Resize}: to an exact {@code height x width}, or with
 * {@link #shorterSide} so that the shorter side becomes {@code size} and the longer one
 * {@code int(size * long / short)} (aspect ratio kept, truncated as torchvision does).
 *
 * <p>Bilinear filtering uses half-pixel centres with edge pixels repeated and no antialiasing: the same as
 * {@code torch.nn.functional.interpolate(mode='bilinear', align_corners=False, antialias=False)} and OpenCV's
 * INTER_LINEAR (up to their 8-bit fixed point); PIL's bilinear, which antialiases when shrinking, differs when
 * downscaling. 8-bit images stay 8-bit (rounded half up, clamped); float images stay float.
 */
public final class Resize implements Transform<Image, Image> {
    /** The filter. */
    public enum Filter {
        BILINEAR,
        NEAREST
    }

    private final int height;
    private final int width;
    private final int shorterSide;
    private final Filter filter;

    private Resize(int height, int width, int shorterSide, Filter filter) {
        this.height = height;
        this.width = width;
        this.shorterSide = shorterSide;
        this.filter = java.util.Objects.requireNonNull(filter, "filter");
    }

    /** Resize to exactly {@code height x width}, bilinear. */
    public static Resize to(int height, int width) {
        return to(height, width, Filter.BILINEAR);
    }

    public static Resize to(int height, int width, Filter filter) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("resize target must be positive, got " + height + "x" + width);
        }
        return new Resize(height, width, 0, filter);
    }

    /** Resize so that the shorter side is {@code size}, keeping the aspect ratio, bilinear. */
    public static Resize shorterSide(int size) {
        return shorterSide(size, Filter.BILINEAR);
    }

    public static Resize shorterSide(int size, Filter filter) {
        if (size < 1) {
            throw new IllegalArgumentException("resize size must be positive, got " + size);
        }
        return new Resize(0, 0, size, filter);
    }

    @Override
    public Image apply(Image in) {
        int outH = height;
        int outW = width;
        if (shorterSide > 0) {
            if (in.height() <= in.width()) {
                outH = shorterSide;
                outW = (int) ((long) shorterSide * in.width() / in.height());
            } else {
                outW = shorterSide;
                outH = (int) ((long) shorterSide * in.height() / in.width());
            }
        }
        if (outH == in.height() && outW == in.width()) {
            return in;
        }
        int c = in.channels();
        float[] out = new float[outH * outW * c];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                for (int ch = 0; ch < c; ch++) {
                    out[(y * outW + x) * c + ch] = filter == Filter.NEAREST
                            ? in.get(nearest(y, in.height(), outH), nearest(x, in.width(), outW), ch)
                            : bilinear(in, y, x, ch, outH, outW);
                }
            }
        }
        if (!in.isBytes()) {
            return Image.ofFloats(outH, outW, c, out);
        }
        byte[] bytes = new byte[out.length];
        for (int i = 0; i < out.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, (int) Math.floor(out[i] + 0.5f)));
        }
        return Image.ofBytes(outH, outW, c, bytes);
    }

    /** PyTorch's nearest: {@code floor(dst * in / out)}, clamped. */
    private static int nearest(int d, int inSize, int outSize) {
        return Math.min(inSize - 1, (int) ((long) d * inSize / outSize));
    }

    private static float bilinear(Image in, int y, int x, int ch, int outH, int outW) {
        float fy = source(y, in.height(), outH);
        float fx = source(x, in.width(), outW);
        int y0 = (int) fy;
        int x0 = (int) fx;
        int y1 = Math.min(y0 + 1, in.height() - 1);
        int x1 = Math.min(x0 + 1, in.width() - 1);
        float wy = fy - y0;
        float wx = fx - x0;
        float top = in.get(y0, x0, ch) * (1 - wx) + in.get(y0, x1, ch) * wx;
        float bottom = in.get(y1, x0, ch) * (1 - wx) + in.get(y1, x1, ch) * wx;
        return top * (1 - wy) + bottom * wy;
    }

    /** The source coordinate of destination {@code d} with half-pixel centres, clamped to the first pixel. */
    private static float source(int d, int inSize, int outSize) {
        float f = (d + 0.5f) * inSize / outSize - 0.5f;
        return Math.max(0f, Math.min(f, inSize - 1));
    }

    @Override
    public String toString() {
        return shorterSide > 0 ? "Resize(" + shorterSide + ")" : "Resize(" + height + ", " + width + ")";
    }
}
