package org.pot4j.engine.ort.gpu;

import java.util.Random;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Reproducible random f32 samples of one shape in [-1, 1): sample i is always the same. */
final class RandomSamples implements DataLoader {
    private final int size;
    private final long[] dims;

    RandomSamples(int size, long... dims) {
        this.size = size;
        this.dims = dims.clone();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public DataItem get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        Shape shape = Shape.of(dims);
        float[] v = new float[(int) shape.elementCount()];
        Random r = new Random(1234L + index);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return DataItem.of(Tensor.ofFloats(shape, v));
    }
}
