package org.pot4j.quantization;

import java.util.Arrays;
import java.util.Random;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Reproducible random samples in [-1, 1) of a model input {@code dims} (batch first), without the batch axis. */
record RandomInputs(int size, long[] dims) implements DataLoader {
    @Override
    public DataItem get(int index) {
        Shape sample = Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
        Random r = new Random(1000L + index);
        float[] v = new float[(int) sample.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return DataItem.of(Tensor.ofFloats(sample, v));
    }
}
