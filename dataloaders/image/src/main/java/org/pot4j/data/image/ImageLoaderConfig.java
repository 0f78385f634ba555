package org.pot4j.data.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.config.ConfigValues;

/**
 * The validated configuration of the {@code image} loader. {@link #fromMap} binds the plain keys below; see the
 * module README for each key's meaning and default.
 *
 * @param dataSource      a folder, a glob pattern or a {@code .txt} list of image paths
 * @param layout          the model input layout; decides whether samples are {@code [C,H,W]} or {@code [H,W,C]}
 * @param channels        1 (decoded as grayscale), 3 (grayscale files are expanded to 3 channels) or 4 (BGRA: files
 *                        without alpha get an opaque alpha channel)
 * @param height          the resize target height, or 0 to keep each image's (cropped) size
 * @param width           the resize target width, or 0 to keep each image's (cropped) size
 * @param colorOrder      the channel order of 3-channel samples
 * @param mean            per-channel values subtracted, in output channel order, one per channel
 * @param scale           per-channel divisors applied after the mean, one per channel
 * @param centralFraction the fraction of height and width kept by the central crop before resizing (1 = no crop)
 * @param interpolation   the resize filter
 * @param inputName       the input name samples are keyed by ({@link DataItem#UNNAMED} by default)
 * @param labelsFile      a labels file giving each image an Integer annotation, or null
 * @param labelOffset     added to every label read from the labels file
 * @param skipBadSamples  drop unreadable files with a warning instead of failing
 */
public record ImageLoaderConfig(
        Path dataSource,
        ImageLayout layout,
        int channels,
        int height,
        int width,
        ColorOrder colorOrder,
        List<Double> mean,
        List<Double> scale,
        double centralFraction,
        Interpolation interpolation,
        String inputName,
        Path labelsFile,
        int labelOffset,
        boolean skipBadSamples) {

    static final String DATA_SOURCE = "data_source";
    static final String INPUT_SHAPE = "input_shape";
    static final String LAYOUT = "layout";
    static final String SIZE = "size";
    static final String CHANNELS = "channels";
    static final String COLOR_ORDER = "color_order";
    static final String MEAN = "mean";
    static final String SCALE = "scale";
    static final String CENTRAL_FRACTION = "central_fraction";
    static final String INTERPOLATION = "interpolation";
    static final String INPUT_NAME = "input_name";
    static final String LABELS_FILE = "labels_file";
    static final String LABEL_OFFSET = "label_offset";
    static final String SKIP_BAD_SAMPLES = "skip_bad_samples";

    /** Every key {@link #fromMap} accepts. */
    public static final Set<String> KEYS = Set.of(DATA_SOURCE, INPUT_SHAPE, LAYOUT, SIZE, CHANNELS, COLOR_ORDER, MEAN,
            SCALE, CENTRAL_FRACTION, INTERPOLATION, INPUT_NAME, LABELS_FILE, LABEL_OFFSET, SKIP_BAD_SAMPLES);

    public ImageLoaderConfig {
        Objects.requireNonNull(dataSource, DATA_SOURCE);
        Objects.requireNonNull(layout, LAYOUT);
        Objects.requireNonNull(colorOrder, COLOR_ORDER);
        Objects.requireNonNull(interpolation, INTERPOLATION);
        Objects.requireNonNull(inputName, INPUT_NAME);
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new ConfigurationException(CHANNELS, "must be 1, 3 or 4, got " + channels);
        }
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new ConfigurationException(SIZE, "height and width must both be positive (or both 0 to keep the size), got "
                    + height + "x" + width);
        }
        mean = perChannel(MEAN, mean, channels);
        scale = perChannel(SCALE, scale, channels);
        for (int c = 0; c < channels; c++) {
            if (scale.get(c) == 0) {
                throw new ConfigurationException(SCALE + "[" + c + "]", "must not be 0");
            }
        }
        if (!(centralFraction > 0 && centralFraction <= 1)) {
            throw new ConfigurationException(CENTRAL_FRACTION, "must be in (0, 1], got " + centralFraction);
        }
    }

    /** True when images are resized to {@link #height()} x {@link #width()}. */
    public boolean resizes() {
        return height > 0;
    }

    /**
     * Binds a plain configuration map.
     *
     * @throws ConfigurationException naming the key for an unknown key, a missing {@code data_source} or a bad value
     */
    public static ImageLoaderConfig fromMap(Map<String, Object> config) {
        ConfigValues r = new ConfigValues(config, KEYS);
        Path dataSource = Path.of(r.requireString(DATA_SOURCE));
        List<Long> shape = r.optDims(INPUT_SHAPE).orElse(List.of());
        if (!shape.isEmpty() && shape.size() != 3 && shape.size() != 4) {
            throw new ConfigurationException(INPUT_SHAPE, "an image input has rank 3 or 4, got " + shape);
        }
        ImageLayout layout = resolveLayout(r, shape);

        int channels = 3;
        int height = 0;
        int width = 0;
        if (!shape.isEmpty()) {
            long c = shape.get(layout.channelAxis());
            if (c != -1 && c != 1 && c != 3 && c != 4) {
                throw new ConfigurationException(INPUT_SHAPE, "the channel dimension of " + shape + " in layout " + layout
                        + " is " + c + "; images give 1, 3 or 4 channels (for other inputs use .npy/.npz arrays)");
            }
            channels = c == -1 ? 3 : (int) c;
            long h = shape.get(layout.heightAxis());
            long w = shape.get(layout.widthAxis());
            if (h > 0 && w > 0) {
                height = Math.toIntExact(h);
                width = Math.toIntExact(w);
            }
        }
        Optional<Integer> givenChannels = r.optInt(CHANNELS);
        if (givenChannels.isPresent()) {
            if (!shape.isEmpty() && shape.get(layout.channelAxis()) > 0 && givenChannels.get() != channels) {
                throw new ConfigurationException(CHANNELS, givenChannels.get() + " contradicts input_shape " + shape);
            }
            channels = givenChannels.get();
        }
        Optional<List<Long>> size = r.optDims(SIZE);
        if (size.isPresent()) {
            List<Long> s = size.get();
            if (s.size() != 2 || s.get(0) < 1 || s.get(1) < 1) {
                throw new ConfigurationException(SIZE, "expected [height, width] with positive values, got " + s);
            }
            height = Math.toIntExact(s.get(0));
            width = Math.toIntExact(s.get(1));
        }

        ColorOrder colorOrder = r.optString(COLOR_ORDER).map(s -> parseEnum(COLOR_ORDER, ColorOrder.class, s))
                .orElse(ColorOrder.BGR);
        Interpolation interpolation = r.optString(INTERPOLATION).map(s -> Interpolation.parse(s).orElseThrow(
                () -> new ConfigurationException(INTERPOLATION, "unknown filter '" + s
                        + "'; expected one of nearest, linear, cubic, area, lanczos4")))
                .orElse(Interpolation.LINEAR);
        return new ImageLoaderConfig(dataSource, layout, channels, height, width, colorOrder,
                r.optNumbers(MEAN).orElse(List.of(0.0)),
                r.optNumbers(SCALE).orElse(List.of(1.0)),
                r.optNumber(CENTRAL_FRACTION).orElse(1.0),
                interpolation,
                r.optString(INPUT_NAME).orElse(DataItem.UNNAMED),
                r.optString(LABELS_FILE).map(Path::of).orElse(null),
                r.optInt(LABEL_OFFSET).orElse(0),
                r.optBoolean(SKIP_BAD_SAMPLES).orElse(false));
    }

    private static ImageLayout resolveLayout(ConfigValues r, List<Long> shape) {
        Optional<String> given = r.optString(LAYOUT);
        if (given.isPresent()) {
            ImageLayout layout = ImageLayout.parse(given.get()).orElseThrow(() -> new ConfigurationException(LAYOUT,
                    "unknown layout '" + given.get() + "'; expected NCHW, NHWC, CHW or HWC"));
            if (!shape.isEmpty() && shape.size() != layout.rank()) {
                throw new ConfigurationException(LAYOUT, layout + " needs a rank-" + layout.rank() + " input, but input_shape is "
                        + shape);
            }
            return layout;
        }
        if (shape.isEmpty()) {
            return ImageLayout.NCHW;
        }
        return ImageLayout.guess(shape).orElseThrow(() -> new ConfigurationException(LAYOUT,
                "cannot be guessed from input_shape " + shape + " (no channel dimension of 1, 3 or 4 first or last); give it"));
    }

    private static <E extends Enum<E>> E parseEnum(String key, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E v : type.getEnumConstants()) {
                names.add(v.name());
            }
            throw new ConfigurationException(key, "unknown value '" + text + "'; expected one of " + names);
        }
    }

    private static List<Double> perChannel(String key, List<Double> values, int channels) {
        Objects.requireNonNull(values, key);
        if (values.size() == 1) {
            return java.util.Collections.nCopies(channels, values.get(0));
        }
        if (values.size() != channels) {
            throw new ConfigurationException(key, "needs 1 or " + channels + " values (one per channel), got " + values.size());
        }
        return List.copyOf(values);
    }
}
