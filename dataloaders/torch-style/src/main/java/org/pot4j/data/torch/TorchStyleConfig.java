package org.pot4j.data.torch;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.config.ConfigValues;

/**
 * The validated configuration of the {@code torch-style} loader: a folder of images through the torchvision
 * pipeline {@code Resize -> CenterCrop -> ToTensor -> Normalize} (each step optional except ToTensor).
 *
 * @param dataSource   the image folder
 * @param resize       empty (no resize), {@code [size]} (shorter side, aspect kept) or {@code [height, width]}
 * @param centerCrop   empty (no crop), {@code [size]} (square) or {@code [height, width]}
 * @param mean         per-channel means for Normalize (RGB order, after ToTensor's /255), or empty for none
 * @param std          per-channel standard deviations, as many as {@code mean}
 * @param bgr          reverse the channels after ToTensor (for models trained on BGR input)
 * @param inputName    the input name samples are keyed by
 */
public record TorchStyleConfig(Path dataSource, List<Integer> resize, List<Integer> centerCrop, List<Double> mean,
        List<Double> std, boolean bgr, String inputName) {
    static final String DATA_SOURCE = "data_source";
    static final String RESIZE = "resize";
    static final String CENTER_CROP = "center_crop";
    static final String MEAN = "mean";
    static final String STD = "std";
    static final String COLOR_ORDER = "color_order";
    static final String INPUT_NAME = "input_name";

    /** Every key {@link #fromMap} accepts. */
    public static final Set<String> KEYS = Set.of(DATA_SOURCE, RESIZE, CENTER_CROP, MEAN, STD, COLOR_ORDER, INPUT_NAME);

    public TorchStyleConfig {
        Objects.requireNonNull(dataSource, DATA_SOURCE);
        resize = sizes(RESIZE, resize);
        centerCrop = sizes(CENTER_CROP, centerCrop);
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != std.size()) {
            throw new ConfigurationException(mean.isEmpty() ? MEAN : STD, "mean and std come together, with one value per "
                    + "channel; got " + mean.size() + " and " + std.size());
        }
        if (!mean.isEmpty() && mean.size() != 3) {
            throw new ConfigurationException(MEAN, "needs 3 values (R, G, B), got " + mean.size());
        }
        for (int i = 0; i < std.size(); i++) {
            if (std.get(i) == 0) {
                throw new ConfigurationException(STD + "[" + i + "]", "must not be 0");
            }
        }
        Objects.requireNonNull(inputName, INPUT_NAME);
    }

    /**
     * Binds a plain configuration map.
     *
     * @throws ConfigurationException naming the key for an unknown key, a missing {@code data_source} or a bad value
     */
    public static TorchStyleConfig fromMap(Map<String, Object> config) {
        ConfigValues r = new ConfigValues(config, KEYS);
        String order = r.optString(COLOR_ORDER).orElse("RGB").toUpperCase(Locale.ROOT);
        if (!order.equals("RGB") && !order.equals("BGR")) {
            throw new ConfigurationException(COLOR_ORDER, "expected RGB or BGR, got '" + order + "'");
        }
        return new TorchStyleConfig(Path.of(r.requireString(DATA_SOURCE)),
                r.optDims(RESIZE).map(TorchStyleConfig::ints).orElse(List.of()),
                r.optDims(CENTER_CROP).map(TorchStyleConfig::ints).orElse(List.of()),
                r.optNumbers(MEAN).orElse(List.of()),
                r.optNumbers(STD).orElse(List.of()),
                order.equals("BGR"),
                r.optString(INPUT_NAME).orElse(DataItem.UNNAMED));
    }

    private static List<Integer> ints(List<Long> dims) {
        return dims.stream().map(Math::toIntExact).toList();
    }

    private static List<Integer> sizes(String key, List<Integer> values) {
        List<Integer> v = List.copyOf(values);
        if (v.size() > 2 || v.stream().anyMatch(d -> d < 1)) {
            throw new ConfigurationException(key, "expected [size] or [height, width] with positive values, got " + v);
        }
        return v;
    }
}
