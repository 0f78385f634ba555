package org.pot4j.data.torch;

import java.util.Arrays;
import java.util.Objects;

/** The samples of another data set at the given indices, in the given order, as {@code torch.utils.data.Subset}. */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> source;
    private final int[] indices;

    /** @throws IndexOutOfBoundsException naming the first index outside the source */
    public Subset(Dataset<T> source, int... indices) {
        this.source = Objects.requireNonNull(source, "source");
        this.indices = indices.clone();
        for (int i : this.indices) {
            Objects.checkIndex(i, source.size());
        }
    }

    /** Samples {@code [from, to)} of {@code source}. */
    public static <T> Subset<T> range(Dataset<T> source, int from, int to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ")");
        }
        int[] idx = new int[to - from];
        Arrays.setAll(idx, i -> from + i);
        return new Subset<>(source, idx);
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public T get(int index) {
        return source.get(indices[Objects.checkIndex(index, indices.length)]);
    }

    /** The source indices, in order. */
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public String toString() {
        return "subset of " + indices.length + " of " + source;
    }
}
