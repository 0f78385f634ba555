package org.pot4j.data.torch;

import java.util.Objects;
import java.util.function.Function;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * A {@link Dataset} seen as the pot4j API's {@link DataLoader}, so that engines and algorithms can use it. A failure
 * while making a sample that does not already say which sample it is becomes a {@link DataException} naming the
 * sample index.
 *
 * @param <T> the sample type of the data set
 */
public final class DatasetDataLoader<T> implements DataLoader {
    private final Dataset<T> dataset;
    private final Function<? super T, DataItem> toItem;
    private final String description;

    private DatasetDataLoader(Dataset<T> dataset, Function<? super T, DataItem> toItem, String description) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.toItem = Objects.requireNonNull(toItem, "toItem");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A data set of complete samples. */
    public static DatasetDataLoader<DataItem> of(Dataset<DataItem> dataset, String description) {
        return new DatasetDataLoader<>(dataset, item -> item, description);
    }

    /** A data set of single unnamed inputs. */
    public static DatasetDataLoader<Tensor> ofTensors(Dataset<Tensor> dataset, String description) {
        return new DatasetDataLoader<>(dataset, DataItem::of, description);
    }

    /** Any data set, with a function making each sample's {@link DataItem}. */
    public static <T> DatasetDataLoader<T> of(Dataset<T> dataset, Function<? super T, DataItem> toItem, String description) {
        return new DatasetDataLoader<>(dataset, toItem, description);
    }

    @Override
    public int size() {
        return dataset.size();
    }

    @Override
    public DataItem get(int index) {
        Objects.checkIndex(index, dataset.size());
        try {
            return toItem.apply(dataset.get(index));
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException("sample " + index + " of " + description + ": " + e, e);
        }
    }

    @Override
    public String description() {
        return description;
    }
}
