package org.pot4j.data.torch;

import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.DataLoaderFactory;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Tensor;

/**
 * The {@code torch-style} data loader: an image folder preprocessed as torchvision models expect (see
 * {@link TorchStyleConfig}); samples are {@code [3,H,W]} f32 tensors with metadata {@code file}.
 */
public final class TorchStyleDataLoaderFactory implements DataLoaderFactory {
    /** The name users select this loader by. */
    public static final String NAME = "torch-style";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DataLoader create(Map<String, Object> config, PluginContext context) {
        return create(TorchStyleConfig.fromMap(config));
    }

    /** The loader for a bound configuration. */
    public static DataLoader create(TorchStyleConfig config) {
        ImageFolderDataset images = ImageFolderDataset.open(config.dataSource());
        Transform<Image, Tensor> pipeline = pipeline(config);
        Dataset<DataItem> items = new Dataset<>() {
            @Override
            public int size() {
                return images.size();
            }

            @Override
            public DataItem get(int index) {
                Tensor t = pipeline.apply(images.get(index));
                return new DataItem(Map.of(config.inputName(), t), null, Map.of("file", images.file(index).toString()));
            }
        };
        return DatasetDataLoader.of(items, images + " via " + pipeline);
    }

    /** Resize, CenterCrop, ToTensor, Normalize and the BGR swap, as configured. */
    static Transform<Image, Tensor> pipeline(TorchStyleConfig config) {
        Compose<Image, Image> steps = Compose.of(new Lambda<Image, Image>(image -> image, "RGB image"));
        if (config.resize().size() == 1) {
            steps = steps.then(Resize.shorterSide(config.resize().get(0)));
        } else if (config.resize().size() == 2) {
            steps = steps.then(Resize.to(config.resize().get(0), config.resize().get(1)));
        }
        if (config.centerCrop().size() == 1) {
            steps = steps.then(CenterCrop.of(config.centerCrop().get(0)));
        } else if (config.centerCrop().size() == 2) {
            steps = steps.then(CenterCrop.of(config.centerCrop().get(0), config.centerCrop().get(1)));
        }
        Compose<Image, Tensor> tensors = steps.then(new ToTensor());
        if (!config.mean().isEmpty()) {
            tensors = tensors.then(new Normalize(floats(config.mean()), floats(config.std())));
        }
        if (config.bgr()) {
            tensors = tensors.then(new Lambda<Tensor, Tensor>(TorchStyleDataLoaderFactory::reverseChannels, "RGB->BGR"));
        }
        return tensors;
    }

    private static Tensor reverseChannels(Tensor chw) {
        int c = (int) chw.shape().dim(0);
        float[] v = chw.toFloatArray();
        float[] out = new float[v.length];
        int plane = v.length / c;
        for (int k = 0; k < c; k++) {
            System.arraycopy(v, k * plane, out, (c - 1 - k) * plane, plane);
        }
        return Tensor.ofFloats(chw.shape(), out);
    }

    private static float[] floats(java.util.List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i).floatValue();
        }
        return f;
    }
}
