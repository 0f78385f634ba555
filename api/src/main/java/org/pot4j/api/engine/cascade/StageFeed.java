package org.pot4j.api.engine.cascade;

import java.util.List;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;

/**
 * The data loader of a stage's delegate engine: the rows of the stage's current inference, set just before the
 * delegate's predict pass reads them. The pass may read from another thread (a loader pool), hence volatile.
 */
final class StageFeed implements DataLoader {
    private final String description;
    private volatile List<DataItem> items = List.of();

    StageFeed(String description) {
        this.description = description;
    }

    void set(List<DataItem> rows) {
        this.items = List.copyOf(rows);
    }

    void clear() {
        this.items = List.of();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public DataItem get(int index) {
        List<DataItem> current = items;
        if (index < 0 || index >= current.size()) {
            throw new IndexOutOfBoundsException("row " + index + " of " + description + ", which holds "
                    + current.size() + " rows");
        }
        return current.get(index);
    }

    @Override
    public String description() {
        return description;
    }
}
