package org.pot4j.engine.reference;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.pot4j.api.tensor.Tensor;

/** Loads an image as a 1x3xHxW BGR float tensor, resized like OpenCV's INTER_LINEAR (half-pixel centres). */
final class ImageTensors {
    private ImageTensors() {
    }

    static Tensor bgr(Path file, int width, int height, float[] meanBgr) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException("not an image: " + file);
        }
        int sw = img.getWidth();
        int sh = img.getHeight();
        float[] out = new float[3 * width * height];
        float sx = (float) sw / width;
        float sy = (float) sh / height;
        int plane = width * height;
        for (int y = 0; y < height; y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            float wy = fy - y0;
            for (int x = 0; x < width; x++) {
                float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, sw - 1);
                int x1 = Math.min(x0 + 1, sw - 1);
                float wx = fx - x0;
                int p00 = img.getRGB(x0, y0);
                int p01 = img.getRGB(x1, y0);
                int p10 = img.getRGB(x0, y1);
                int p11 = img.getRGB(x1, y1);
                for (int c = 0; c < 3; c++) {
                    int shift = c * 8; // B is the low byte of ARGB: channel 0 = B, 1 = G, 2 = R
                    float v = (1 - wy) * ((1 - wx) * ((p00 >> shift) & 255) + wx * ((p01 >> shift) & 255))
                            + wy * ((1 - wx) * ((p10 >> shift) & 255) + wx * ((p11 >> shift) & 255));
                    out[c * plane + y * width + x] = v - (meanBgr == null ? 0 : meanBgr[c]);
                }
            }
        }
        return Tensor.ofFloats(out, 1, 3, height, width);
    }
}
