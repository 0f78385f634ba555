package org.pot4j.data.image;

/**
 * 8-bit pixels after decoding, cropping and resizing, in OpenCV's order: rows, then columns, then channels (BGR for
 * colour images, BGRA with alpha).
 *
 * @param height         rows
 * @param width          columns
 * @param channels       1, 3 or 4 (BGRA)
 * @param pixels         {@code height * width * channels} unsigned bytes
 * @param originalHeight rows of the decoded file before crop and resize
 * @param originalWidth  columns of the decoded file before crop and resize
 */
record DecodedImage(int height, int width, int channels, byte[] pixels, int originalHeight, int originalWidth) {
    DecodedImage {
        if (pixels.length != height * width * channels) {
            throw new IllegalArgumentException(height + "x" + width + "x" + channels + " pixels need "
                    + height * width * channels + " bytes, got " + pixels.length);
        }
    }

    int at(int row, int col, int channel) {
        return pixels[(row * width + col) * channels + channel] & 0xff;
    }
}
