package org.pot4j.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * Image files as samples, POT's simplified-mode {@code ImageLoader}: each sample is one f32 tensor ({@code [C,H,W]} or
 * {@code [H,W,C]}), the optional Integer label as annotation, and metadata {@code file} (the path),
 * {@code original_size} ({@code [height, width]} as decoded) and {@code original_channels} (as stored in the file).
 *
 * <p>Opening checks every file's header and tail (cheap: no decoding) so that a missing, non-image or truncated file
 * fails before a long run, or is skipped with a warning when {@code skip_bad_samples} is set. Decoding happens in
 * {@link #get}, which is safe to call from several threads.
 */
public final class ImageDataLoader implements DataLoader {
    private final ImageLoaderConfig config;
    private final List<ImageFileInfo> files;
    private final List<Integer> labels;
    private final List<SkippedSample> skipped;
    private final ImageTensorEncoder encoder;

    private ImageDataLoader(ImageLoaderConfig config, List<ImageFileInfo> files, List<Integer> labels,
            List<SkippedSample> skipped) {
        this.config = config;
        this.files = files;
        this.labels = labels;
        this.skipped = skipped;
        this.encoder = new ImageTensorEncoder(config.layout(), config.colorOrder(), config.mean(), config.scale());
    }

    /** Opens the images of {@code config.dataSource()}, logging skipped files to the {@code org.pot4j.data.image} logger. */
    public static ImageDataLoader open(ImageLoaderConfig config) {
        return open(config, System.getLogger(ImageDataLoader.class.getPackageName()));
    }

    /**
     * Lists and checks the images.
     *
     * @throws DataException naming the file when a file is bad (and {@code skip_bad_samples} is off), when no usable
     *                       image is left, or when the labels file lacks an image
     */
    public static ImageDataLoader open(ImageLoaderConfig config, System.Logger logger) {
        List<Path> candidates = ImageFileCollector.collect(config.dataSource());
        List<ImageFileInfo> good = new ArrayList<>();
        List<SkippedSample> skipped = new ArrayList<>();
        for (Path file : candidates) {
            try {
                good.add(ImageFileInspector.inspect(file));
            } catch (DataException e) {
                if (!config.skipBadSamples()) {
                    throw e;
                }
                logger.log(System.Logger.Level.WARNING, "skipping bad sample " + e.getMessage());
                skipped.add(new SkippedSample(file, e.getMessage()));
            }
        }
        if (!skipped.isEmpty()) {
            logger.log(System.Logger.Level.WARNING, "skipped " + skipped.size() + " of " + candidates.size()
                    + " image files of " + config.dataSource());
        }
        if (good.isEmpty()) {
            throw new DataException(config.dataSource() + ": none of the " + candidates.size() + " image files can be read");
        }
        List<Integer> labels = null;
        if (config.labelsFile() != null) {
            LabelsFile labelsFile = LabelsFile.read(config.labelsFile());
            labels = new ArrayList<>();
            for (ImageFileInfo info : good) {
                int label = labelsFile.labelOf(info.file()).orElseThrow(() -> new DataException(info.file()
                        + ": no label for this file name in " + labelsFile.file()));
                labels.add(label + config.labelOffset());
            }
            labels = List.copyOf(labels);
        }
        return new ImageDataLoader(config, List.copyOf(good), labels, List.copyOf(skipped));
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public DataItem get(int index) {
        Objects.checkIndex(index, files.size());
        ImageFileInfo info = files.get(index);
        Path file = info.file();
        byte[] encoded;
        try {
            encoded = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataException(file + " (sample " + index + "): cannot read the file: " + e, e);
        }
        DecodedImage image = CvImageDecoder.decode(encoded, config.channels(), config.centralFraction(), config.height(),
                config.width(), config.interpolation(), file.toString());
        Tensor tensor = encoder.encode(image);
        Map<String, Object> metadata = Map.of(
                "file", file.toString(),
                "original_size", List.of(image.originalHeight(), image.originalWidth()),
                "original_channels", info.channels());
        return new DataItem(Map.of(config.inputName(), tensor), labels == null ? null : labels.get(index), metadata);
    }

    /** The header facts of sample {@code index}'s file. */
    public ImageFileInfo fileInfo(int index) {
        return files.get(index);
    }

    /** The files left out by {@code skip_bad_samples}, in listing order. */
    public List<SkippedSample> skipped() {
        return skipped;
    }

    /** How many files {@code skip_bad_samples} left out. */
    public int skippedCount() {
        return skipped.size();
    }

    public ImageLoaderConfig config() {
        return config;
    }

    @Override
    public String description() {
        String size = config.resizes() ? config.height() + "x" + config.width() : "original size";
        return "images " + config.dataSource() + " (" + files.size() + " files, " + config.channels() + " channels "
                + (config.channels() >= 3 ? config.colorOrder() + " " : "") + size + ", " + config.layout() + ")";
    }
}
