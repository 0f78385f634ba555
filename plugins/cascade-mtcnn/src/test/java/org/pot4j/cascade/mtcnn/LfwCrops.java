package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
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
 * cascade's own area resampling and normalised as it does; annotation {@code true} for a face. Decoded once, held in
 * memory (200 small tensors).
 */
final class LfwCrops implements DataLoader {
    static final int PER_CLASS = 100;
    private final int side;
    private final List<DataItem> items;

    private LfwCrops(int side, List<DataItem> items) {
        this.side = side;
        this.items = items;
    }

    /** The crops resized to {@code side x side} (24 for R-Net, 48 for O-Net); skips the test without the assets. */
    static LfwCrops open(int side) {
        List<DataItem> items = new ArrayList<>();
        for (String folder : List.of("face", "nonface")) {
            DataLoader gray = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of(
                    "data_source", TestAssets.require("images/lfw_subset/" + folder).toString(),
                    "channels", 3, "color_order", "RGB", "layout", "CHW")));
            for (int i = 0; i < gray.size(); i++) {
                RgbImage image = RgbImage.of(gray.get(i).inputs().values().iterator().next());
                float[] crop = new float[3 * side * side];
                image.resampleInto(0, image.height(), 0, image.width(), side, side, false, crop, 0);
                items.add(DataItem.of(Tensor.ofFloats(Shape.of(3, side, side), crop), folder.equals("face")));
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
