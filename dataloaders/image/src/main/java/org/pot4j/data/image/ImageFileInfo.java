package org.pot4j.data.image;

import java.nio.file.Path;

/**
 * What the header of an image file says, read without decoding it.
 *
 * @param file     the file
 * @param format   JPEG, PNG or BMP
 * @param width    pixels per row
 * @param height   rows
 * @param channels colour channels stored: 1 gray, 2 gray + alpha, 3 colour (palettes count as colour), 4 with alpha
 */
public record ImageFileInfo(Path file, String format, int width, int height, int channels) {
    /** True for files stored without colour (gray, with or without alpha). */
    public boolean isGrayscale() {
        return channels <= 2;
    }
}
