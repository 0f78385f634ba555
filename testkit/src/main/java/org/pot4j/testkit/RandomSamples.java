package org.pot4j.testkit;

import java.util.Random;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** A data loader of reproducible random f32 samples of one shape in [-1, 1): sample i is always the same. */
public final class RandomSamples implements DataLoader {
    private final int size;
    private final long[] dims;

    /**
     * Samples of one shape.
     *
     * @param size how many samples
     * @param dims the shape of each
     */
    public RandomSamples(int size, long... dims) {
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
        return DataItem.of(tensor(1234L + index, dims));
    }

    /**
     * One tensor of seeded random values in [-1, 1).
     *
     * @param seed the {@link Random} seed: the same seed and shape give the same tensor
     * @param dims its shape
     * @return the tensor
     */
    public static Tensor tensor(long seed, long... dims) {
        Shape shape = Shape.of(dims);
        float[] v = new float[(int) shape.elementCount()];
        Random r = new Random(seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return Tensor.ofFloats(shape, v);
    }
}
