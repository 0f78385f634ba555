package org.pot4j.data.torch;

import java.util.Arrays;
import java.util.Objects;

/**
 * A small image in HWC order (row, column, channel), holding either 8-bit pixels ({@link #ofBytes}, as decoded
 * files; channels in RGB order for colour, as PIL/torchvision) or floats ({@link #ofFloats}). Exactly one of
 * {@link #bytes()} and {@link #floats()} is non-null. Arrays are not copied: treat them as read-only.
 *
 * @param height   rows
 * @param width    columns
 * @param channels channels per pixel
 * @param bytes    {@code height * width * channels} unsigned bytes, or null
 * @param floats   {@code height * width * channels} floats, or null
 */
public record Image(int height, int width, int channels, byte[] bytes, float[] floats) {
    public Image {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("an image needs positive sizes, got " + height + "x" + width + "x" + channels);
        }
        if ((bytes == null) == (floats == null)) {
            throw new IllegalArgumentException("an image holds either bytes or floats");
        }
        long n = (long) height * width * channels;
        int len = bytes != null ? bytes.length : floats.length;
        if (len != n) {
            throw new IllegalArgumentException(height + "x" + width + "x" + channels + " needs " + n + " values, got " + len);
        }
    }

    /** An 8-bit image over {@code pixels} (HWC). */
    public static Image ofBytes(int height, int width, int channels, byte[] pixels) {
        return new Image(height, width, channels, Objects.requireNonNull(pixels, "pixels"), null);
    }

    /** A float image over {@code pixels} (HWC). */
    public static Image ofFloats(int height, int width, int channels, float[] pixels) {
        return new Image(height, width, channels, null, Objects.requireNonNull(pixels, "pixels"));
    }

    /** True for 8-bit images. */
    public boolean isBytes() {
        return bytes != null;
    }

    /** The value at (y, x, c): 0..255 for 8-bit images. */
    public float get(int y, int x, int c) {
        int i = (y * width + x) * channels + c;
        return bytes != null ? bytes[i] & 0xff : floats[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image && ((Image) o).height == height && ((Image) o).width == width
                && ((Image) o).channels == channels && Arrays.equals(((Image) o).bytes, bytes)
                && Arrays.equals(((Image) o).floats, floats);
    }

    @Override
    public int hashCode() {
        return Objects.hash(height, width, channels, Arrays.hashCode(bytes), Arrays.hashCode(floats));
    }

    @Override
    public String toString() {
        return "Image[" + height + "x" + width + "x" + channels + (bytes != null ? " u8" : " f32") + "]";
    }
}
