package org.pot4j.examples.torchstyle;

import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.data.torch.CenterCrop;
import org.pot4j.data.torch.Compose;
import org.pot4j.data.torch.Image;
import org.pot4j.data.torch.Lambda;
import org.pot4j.data.torch.Resize;
import org.pot4j.data.torch.ToTensor;
import org.pot4j.data.torch.Transform;

/** The transform pipeline giving the sample SqueezeNet 1.1 IR its input, written with torchvision's transforms. */
public final class SqueezeNetPreprocessing {
    /** The side of the model's square input. */
    public static final int SIZE = 227;

    private SqueezeNetPreprocessing() {
    }

    /**
     * {@code Resize(256)}, {@code CenterCrop(227)}, {@code ToTensor()}, then a {@code Lambda} from torchvision's
     * conventions to the model's.
     *
     * @return an image to a {@code [3, 227, 227]} BGR tensor in 0..255
     */
    public static Transform<Image, Tensor> transform() {
        return Compose.of(Resize.shorterSide(256))
                .then(CenterCrop.of(SIZE))
                .then(new ToTensor())
                // ToTensor gives RGB in 0..1 (torchvision's convention); this IR was converted from Caffe and takes
                // BGR in 0..255, its mean subtraction built in: reverse the channels and scale by 255, no Normalize
                .then(new Lambda<>(SqueezeNetPreprocessing::rgbUnitToBgr255, "Lambda(x.flip(0) * 255)"));
    }

    /**
     * Reverses the channels of a {@code [3, H, W]} tensor and multiplies it by 255, as {@code x.flip(0) * 255}.
     *
     * @param rgb RGB values in 0..1
     * @return BGR values in 0..255
     * @throws DataException when the tensor is not {@code [3, H, W]}
     */
    static Tensor rgbUnitToBgr255(Tensor rgb) {
        long[] dims = rgb.shape().dims();
        if (dims.length != 3 || dims[0] != 3) {
            throw new DataException("expected a [3, H, W] RGB tensor, got " + rgb.shape());
        }
        float[] in = rgb.toFloatArray();
        float[] out = new float[in.length];
        int plane = in.length / 3;
        for (int c = 0; c < 3; c++) {
            int from = (2 - c) * plane;
            for (int i = 0; i < plane; i++) {
                out[c * plane + i] = in[from + i] * 255f;
            }
        }
        return Tensor.of(out, dims);
    }
}
