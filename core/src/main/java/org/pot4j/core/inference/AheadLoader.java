package org.pot4j.core.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.DataException;

/**
 * Loads the samples of the next batch on worker threads while the engine runs the current one: at most two batches
 * are held at a time, so memory is bounded by the batch size, not the data set.
 */
final class AheadLoader implements AutoCloseable {
    private final DataLoader loader;
    private final ExecutorService workers;

    AheadLoader(DataLoader loader, int threads) {
        this.loader = loader;
        AtomicInteger id = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "pot4j-loader-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts loading {@code indices}. */
    CompletableFuture<List<DataItem>> load(int[] indices) {
        List<CompletableFuture<DataItem>> parts = new ArrayList<>(indices.length);
        for (int i : indices) {
            parts.add(CompletableFuture.supplyAsync(() -> item(i), workers));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<DataItem> items = new ArrayList<>(parts.size());
            for (CompletableFuture<DataItem> p : parts) {
                items.add(p.join());
            }
            return items;
        });
    }

    /** The loaded samples, or the loader's own exception. */
    static List<DataItem> await(CompletableFuture<List<DataItem>> batch) {
        try {
            return batch.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new DataException("loading samples failed: " + e.getCause(), e.getCause());
        }
    }

    private DataItem item(int index) {
        if (index >= loader.size()) {
            throw new DataException("sample " + index + " is outside data loader '" + loader.description() + "' of "
                    + loader.size() + " samples");
        }
        DataItem item;
        try {
            item = loader.get(index);
        } catch (DataException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataException("sample " + index + " of '" + loader.description() + "' cannot be loaded: "
                    + e.getMessage(), e);
        }
        if (item == null) {
            throw new DataException("data loader '" + loader.description() + "' returned no sample for index " + index);
        }
        return item;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
