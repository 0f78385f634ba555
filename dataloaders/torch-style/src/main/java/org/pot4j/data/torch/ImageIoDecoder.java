package org.pot4j.data.torch;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.pot4j.api.error.DataException;

/**
 * Decodes an image file with {@code javax.imageio} into an 8-bit RGB {@link Image}, as torchvision's default loader
 * ({@code PIL.Image.open(f).convert('RGB')}): gray files give three equal channels. Gray pixels are read from the
 * raster, not through {@code getRGB}, which would apply Java's linear-gray to sRGB conversion and change them.
 * A JPEG without its end marker or a PNG without IEND is refused, since decoders fill a truncated image silently.
 */
final class ImageIoDecoder {
    private ImageIoDecoder() {
    }

    static Image decode(Path file) {
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the file: " + e, e);
        }
        checkComplete(file, encoded);
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": cannot decode the image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DataException(file + ": not an image format javax.imageio can read");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        byte[] rgb = new byte[h * w * 3];
        Raster raster = img.getRaster();
        boolean gray = raster.getNumBands() <= 2 && img.getColorModel().getNumColorComponents() == 1
                && raster.getSampleModel().getSampleSize(0) == 8;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = (y * w + x) * 3;
                if (gray) {
                    byte v = (byte) raster.getSample(x, y, 0);
                    rgb[o] = v;
                    rgb[o + 1] = v;
                    rgb[o + 2] = v;
                } else {
                    int p = img.getRGB(x, y);
                    rgb[o] = (byte) (p >> 16);
                    rgb[o + 1] = (byte) (p >> 8);
                    rgb[o + 2] = (byte) p;
                }
            }
        }
        return Image.ofBytes(h, w, 3, rgb);
    }

    private static void checkComplete(Path file, byte[] b) {
        if (b.length == 0) {
            throw new DataException(file + ": the file is empty");
        }
        int tail = Math.max(0, b.length - 1024);
        if (b.length > 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && !contains(b, tail, (byte) 0xFF, (byte) 0xD9)) {
            throw new DataException(file + ": truncated JPEG: no end-of-image marker (FF D9) at the end of the file");
        }
        if (b.length > 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && !contains(b, tail, (byte) 'I', (byte) 'E', (byte) 'N', (byte) 'D')) {
            throw new DataException(file + ": truncated PNG: no IEND chunk at the end of the file");
        }
    }

    private static boolean contains(byte[] b, int from, byte... needle) {
        outer:
        for (int i = b.length - needle.length; i >= from; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
