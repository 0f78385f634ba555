package org.pot4j.engine.ort;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Test data: JPEG photos decoded with the JDK's ImageIO, stretched to the model's input size (bilinear), as
 * {@code (x - mean) / scale} per channel value in RGB or BGR order, NCHW or NHWC, without a batch axis. Enough for
 * statistics tests and benchmarks; the image data loader plugin (OpenCV) is what quantization runs use.
 */
final class ImageSamples implements DataLoader {
    private final List<Path> files;
    private final int height;
    private final int width;
    private final boolean nhwc;
    private final boolean bgr;
    private final double mean;
    private final double scale;

    ImageSamples(List<Path> files, int height, int width, boolean nhwc, boolean bgr, double mean, double scale) {
        this.files = List.copyOf(files);
        this.height = height;
        this.width = width;
        this.nhwc = nhwc;
        this.bgr = bgr;
        this.mean = mean;
        this.scale = scale;
    }

    /** The first {@code count} JPEG files of {@code folder} by name (all when there are fewer). */
    static List<Path> jpegs(Path folder, int count) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.jpe?g"))
                    .sorted().limit(count).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public String description() {
        return files.isEmpty() ? "no images" : files.get(0).getParent().toString();
    }

    @Override
    public DataItem get(int index) {
        Path file = files.get(index);
        BufferedImage read;
        try {
            read = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the image: " + e.getMessage(), e);
        }
        if (read == null) {
            throw new DataException(file + ": not an image ImageIO reads");
        }
        BufferedImage resized = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(read, 0, 0, width, height, null);
        g.dispose();
        float[] v = new float[3 * height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = resized.getRGB(x, y);
                int[] channels = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    float value = (float) ((channels[bgr ? 2 - c : c] - mean) / scale);
                    v[nhwc ? (y * width + x) * 3 + c : (c * height + y) * width + x] = value;
                }
            }
        }
        return DataItem.of(Tensor.ofFloats(nhwc ? Shape.of(height, width, 3) : Shape.of(3, height, width), v));
    }
}
