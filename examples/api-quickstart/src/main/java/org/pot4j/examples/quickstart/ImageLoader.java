package org.pot4j.examples.quickstart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * The image files of a folder as model inputs, written as a user would write POT's {@code ImageLoader} sample, with
 * the JDK only: each image is read with {@link ImageIO}, resized to 227x227 (bilinear) and given as a 3x227x227
 * float tensor of BGR values 0..255, channels first, as {@code cv2.imread(...).transpose(2, 0, 1)} gives it.
 *
 * <p>Samples have no batch axis (the engine adds it) and no annotation (quantization needs none). The loader keeps
 * only the sorted file list, so several threads may load samples at once.
 */
public final class ImageLoader implements DataLoader {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");
    private static final int WIDTH = 227;
    private static final int HEIGHT = 227;

    private final Path folder;
    private final List<Path> files;

    /**
     * Lists the image files of a folder ({@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}), sorted by name;
     * other files, such as a README, are skipped.
     *
     * @param folder the folder of images
     * @throws DataException naming the folder when it is missing, cannot be listed or holds no image
     */
    public ImageLoader(Path folder) {
        this.folder = folder;
        if (!Files.isDirectory(folder)) {
            throw new DataException("the images folder " + folder + " does not exist or is not a folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            this.files = entries.filter(Files::isRegularFile).filter(ImageLoader::isImage).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list the images folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataException("no .png, .jpg, .jpeg or .bmp image in " + folder);
        }
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public DataItem get(int index) {
        Path file = files.get(index);
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataException("cannot read the image " + file + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new DataException("cannot decode the image " + file
                    + ": ImageIO recognizes no image in it (unknown format or damaged file)");
        }
        return DataItem.of(Tensor.of(bgrChannelsFirst(resize(image)), 3, HEIGHT, WIDTH));
    }

    @Override
    public String description() {
        return "images of " + folder;
    }

    /**
     * The image files, in the order of the samples.
     *
     * @return the files, sorted by name
     */
    public List<Path> files() {
        return files;
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The image scaled to 227x227 with bilinear interpolation, as 8-bit RGB (grey images are repeated in R, G, B). */
    private static BufferedImage resize(BufferedImage image) {
        BufferedImage resized = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, WIDTH, HEIGHT, null); // transparent pixels are drawn over black
        } finally {
            g.dispose();
        }
        return resized;
    }

    /** The pixels as channel planes blue, green, red (OpenCV's order), each row by row, values 0..255. */
    private static float[] bgrChannelsFirst(BufferedImage image) {
        int plane = WIDTH * HEIGHT;
        float[] data = new float[3 * plane];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb = image.getRGB(x, y);
                int at = y * WIDTH + x;
                data[at] = rgb & 0xff;                       // blue
                data[plane + at] = (rgb >> 8) & 0xff;        // green
                data[2 * plane + at] = (rgb >> 16) & 0xff;   // red
            }
        }
        return data;
    }
}
