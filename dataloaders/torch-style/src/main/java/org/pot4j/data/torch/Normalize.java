package org.pot4j.data.torch;

import java.util.Arrays;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Per-channel {@code (x - mean[c]) / std[c]} of a {@code [C, ...]} f32 tensor, as
 * {@code torchvision.transforms.Normalize}.
 */
public final class Normalize implements Transform<Tensor, Tensor> {
    private final float[] mean;
    private final float[] std;

    /** @throws IllegalArgumentException if the lengths differ or a std is 0 */
    public Normalize(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std need the same, non-zero length, got " + mean.length + " and "
                    + std.length);
        }
        for (float s : std) {
            if (s == 0 || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std must be finite and non-zero, got " + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /** The ImageNet statistics torchvision models use: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225). */
    public static Normalize imagenet() {
        return new Normalize(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    @Override
    public Tensor apply(Tensor in) {
        Shape shape = in.shape();
        if (shape.rank() < 1 || shape.dim(0) != mean.length) {
            throw new DataException("Normalize with " + mean.length + " channels cannot apply to a tensor of shape " + shape);
        }
        float[] v = in.toFloatArray();
        int per = shape.dim(0) == 0 ? 0 : v.length / mean.length;
        for (int c = 0; c < mean.length; c++) {
            for (int i = c * per; i < (c + 1) * per; i++) {
                v[i] = (v[i] - mean[c]) / std[c];
            }
        }
        return Tensor.ofFloats(shape, v);
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
