package org.pot4j.engine.reference;

import java.util.List;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;

/** Samples held in a list. */
record ListDataLoader(List<DataItem> items) implements DataLoader {
    @Override
    public int size() {
        return items.size();
    }

    @Override
    public DataItem get(int index) {
        return items.get(index);
    }
}
