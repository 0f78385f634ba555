package org.pot4j.data.torch;

/**
 * Crops the centre of an image, as {@code torchvision.transforms.CenterCrop}: the top-left corner is
 * {@code round((side - crop) / 2)} with Python's round-half-to-even; a crop larger than the image pads it with zeros
 * first ({@code (crop - side) // 2} before, the rest after), as torchvision does.
 */
public final class CenterCrop implements Transform<Image, Image> {
    private final int height;
    private final int width;

    private CenterCrop(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("crop size must be positive, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    /** A square crop. */
    public static CenterCrop of(int size) {
        return new CenterCrop(size, size);
    }

    public static CenterCrop of(int height, int width) {
        return new CenterCrop(height, width);
    }

    @Override
    public Image apply(Image in) {
        int top = offset(in.height(), height);
        int left = offset(in.width(), width);
        int c = in.channels();
        boolean bytes = in.isBytes();
        byte[] b = bytes ? new byte[height * width * c] : null;
        float[] f = bytes ? null : new float[height * width * c];
        for (int y = 0; y < height; y++) {
            int sy = top + y;
            for (int x = 0; x < width; x++) {
                int sx = left + x;
                boolean inside = sy >= 0 && sy < in.height() && sx >= 0 && sx < in.width();
                for (int ch = 0; ch < c; ch++) {
                    int o = (y * width + x) * c + ch;
                    if (!inside) {
                        continue; // zero padding
                    }
                    int i = (sy * in.width() + sx) * c + ch;
                    if (bytes) {
                        b[o] = in.bytes()[i];
                    } else {
                        f[o] = in.floats()[i];
                    }
                }
            }
        }
        return bytes ? Image.ofBytes(height, width, c, b) : Image.ofFloats(height, width, c, f);
    }

    /** Source position of the crop's first row/column; negative when the image is padded. */
    private static int offset(int side, int crop) {
        if (crop > side) {
            return -((crop - side) / 2);
        }
        return (int) Math.rint((side - crop) / 2.0);
    }

    @Override
    public String toString() {
        return "CenterCrop(" + height + ", " + width + ")";
    }
}
