package org.pot4j.data.torch;

/**
 * A map-style data set, as {@code torch.utils.data.Dataset}: {@link #size()} samples, each made on demand by
 * {@link #get}. Implementations used with parallel workers must be safe to call from several threads.
 *
 * @param <T> the sample type
 */
public interface Dataset<T> {
    /** The number of samples. */
    int size();

    /**
     * Sample {@code index}.
     *
     * @throws IndexOutOfBoundsException if index is outside {@code [0, size())}
     */
    T get(int index);

    /** This data set with {@code transform} applied to every sample on access. */
    default <R> Dataset<R> map(Transform<? super T, ? extends R> transform) {
        return new TransformedDataset<>(this, transform);
    }
}
