package org.pot4j.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small synthetic images for tests with javax.imageio (independent of OpenCV, which reads them). */
final class TestImages {
    /** The colour of pixel (y, x) as 0xRRGGBB. */
    interface Pixels {
        int rgb(int y, int x);
    }

    private TestImages() {
    }

    static Path write(Path file, String format, int height, int width, Pixels pixels) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, pixels.rgb(y, x));
            }
        }
        return save(img, format, file);
    }

    static Path writeGray(Path file, String format, int height, int width, Pixels gray) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.getRaster().setSample(x, y, 0, gray.rgb(y, x));
            }
        }
        return save(img, format, file);
    }

    /** A PNG with an alpha channel; {@code argb} gives 0xAARRGGBB. */
    static Path writeArgb(Path file, int height, int width, Pixels argb) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, argb.rgb(y, x));
            }
        }
        return save(img, "png", file);
    }

    static int rgb(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }

    private static Path save(BufferedImage img, String format, Path file) {
        try {
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
