package org.pot4j.data.torch;

import java.util.Objects;

/** A data set whose samples pass through a transform when read (see {@link Dataset#map}). */
final class TransformedDataset<T, R> implements Dataset<R> {
    private final Dataset<T> source;
    private final Transform<? super T, ? extends R> transform;

    TransformedDataset(Dataset<T> source, Transform<? super T, ? extends R> transform) {
        this.source = Objects.requireNonNull(source, "source");
        this.transform = Objects.requireNonNull(transform, "transform");
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public R get(int index) {
        return transform.apply(source.get(index));
    }

    @Override
    public String toString() {
        return source.toString();
    }
}
