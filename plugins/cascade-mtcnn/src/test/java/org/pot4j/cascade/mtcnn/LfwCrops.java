package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.testkit.TestAssets;

/**
 * The 200 labelled crops of {@code images/lfw_subset} (100 {@code face/}, then 100 {@code nonface/}, 25x25 gray) as
 * the cascade would hand them to R-Net or O-Net: gray as 3 equal RGB channels, resized to the stage's side with the
 * cascade's own area resampling (or, to compare, one of the image loader's OpenCV interpolations) and normalised as
 * the cascade does, {@code (x - 127.5) / 128}; annotation {@code true} for a face. Decoded once, held in memory.
 */
final class LfwCrops implements DataLoader {
    static final int PER_CLASS = 100;
    /** The resampling the cascade itself uses for its crops (adaptive average pooling, as PyTorch's "area"). */
    static final String CASCADE_AREA = "cascade-area";
    private final int side;
    private final List<DataItem> items;

    private LfwCrops(int side, List<DataItem> items) {
        this.side = side;
        this.items = items;
    }

    /** The crops resized to {@code side x side} (24 for R-Net, 48 for O-Net); skips the test without the assets. */
    static LfwCrops open(int side) {
        return open(side, CASCADE_AREA);
    }

    /**
     * The crops resized with {@code interpolation}: {@link #CASCADE_AREA}, or an image loader interpolation
     * ({@code linear}, {@code area}, {@code cubic}, {@code nearest}, {@code lanczos4}).
     */
    static LfwCrops open(int side, String interpolation) {
        List<DataItem> items = new ArrayList<>();
        for (String folder : List.of("face", "nonface")) {
            Map<String, Object> config = new LinkedHashMap<>(Map.of(
                    "data_source", TestAssets.require("images/lfw_subset/" + folder).toString(),
                    "channels", 3, "color_order", "RGB", "layout", "CHW"));
            if (!interpolation.equals(CASCADE_AREA)) {
                config.putAll(Map.of("size", List.of(side, side), "interpolation", interpolation, "mean", 127.5,
                        "scale", 128));
            }
            DataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(config));
            for (int i = 0; i < loader.size(); i++) {
                Tensor image = loader.get(i).inputs().values().iterator().next();
                if (interpolation.equals(CASCADE_AREA)) {
                    RgbImage rgb = RgbImage.of(image);
                    float[] crop = new float[3 * side * side];
                    rgb.resampleInto(0, rgb.height(), 0, rgb.width(), side, side, false, crop, 0);
                    image = Tensor.ofFloats(Shape.of(3, side, side), crop);
                }
                items.add(DataItem.of(image, folder.equals("face")));
            }
        }
        return new LfwCrops(side, List.copyOf(items));
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public DataItem get(int index) {
        return items.get(index);
    }

    /** All crops as one batch {@code [200,3,side,side]}. */
    Tensor batch() {
        float[] all = new float[items.size() * 3 * side * side];
        for (int i = 0; i < items.size(); i++) {
            float[] one = items.get(i).inputs().get(DataItem.UNNAMED).toFloatArray();
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        return Tensor.ofFloats(Shape.of(items.size(), 3, side, side), all);
    }

    /** The labels in sample order. */
    List<Object> labels() {
        return items.stream().map(DataItem::annotation).toList();
    }

    @Override
    public String description() {
        return "lfw_subset crops at " + side + "x" + side;
    }
}
