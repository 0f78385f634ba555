package org.pot4j.api.data;

/**
 * Random access to a data set, as POT's {@code DataLoader}: {@code size()} samples, each loaded on demand.
 * Implementations must be safe to call from several threads and must fail with a
 * {@link org.pot4j.api.error.DataException} naming the sample (file or index) when one cannot be loaded.
 */
public interface DataLoader {
    /** {@return the number of samples} */
    int size();

    /**
     * Loads sample {@code index}.
     *
     * @param index the sample, from 0
     * @return the sample's inputs, annotation and metadata
     * @throws IndexOutOfBoundsException if index is outside {@code [0, size())}
     * @throws org.pot4j.api.error.DataException naming the sample when it cannot be loaded
     */
    DataItem get(int index);

    /** {@return a short description for logs and errors, such as the folder it reads; the class name by default} */
    default String description() {
        return getClass().getSimpleName();
    }
}
