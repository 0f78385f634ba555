package org.pot4j.data.torch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.pot4j.api.error.DataException;

/**
 * Batches of a {@link Dataset}, as {@code torch.utils.data.DataLoader}: batch size, optional shuffling with a seed,
 * {@code drop_last}, and samples loaded by an {@link Executor}'s threads ahead of the consumer. Batches always come
 * in sampler order and hold samples in sampler order, so the number of workers never changes the result.
 *
 * <p>Shuffling: the loader owns one {@code java.util.Random(seed)} (a 48-bit linear congruential generator whose
 * algorithm the JDK specifies, so results are the same on every JVM); each new iteration (epoch) draws a fresh
 * permutation of {@code 0..size-1} from it with {@link Collections#shuffle(List, Random)} (Fisher-Yates from the
 * last element). Epoch {@code k}'s order therefore depends only on the seed and {@code k}. It does not reproduce
 * PyTorch's {@code torch.randperm} orders.
 *
 * @param <T> the sample type
 */
public final class BatchLoader<T> implements Iterable<List<T>> {
    private final Dataset<T> dataset;
    private final int batchSize;
    private final boolean dropLast;
    private final Random random;
    private final Executor executor;
    private final int prefetchBatches;

    private BatchLoader(Builder<T> b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.dropLast = b.dropLast;
        this.random = b.shuffle ? new Random(b.seed) : null;
        this.executor = b.executor;
        this.prefetchBatches = b.prefetchBatches;
    }

    /** A builder over {@code dataset}: batch size 1, no shuffling, last short batch kept, loading in the caller's thread. */
    public static <T> Builder<T> builder(Dataset<T> dataset) {
        return new Builder<>(dataset);
    }

    /** The number of batches one iteration yields ({@code len(loader)}). */
    public int batchCount() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The sample order of the next iteration (advances the shuffle generator, as starting an iteration does). */
    int[] nextOrder() {
        int n = dataset.size();
        if (random == null) {
            int[] order = new int[n];
            Arrays.setAll(order, i -> i);
            return order;
        }
        List<Integer> perm = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            perm.add(i);
        }
        synchronized (random) {
            Collections.shuffle(perm, random);
        }
        return perm.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Starts an iteration (an epoch): with shuffling, each call gives the next permutation. */
    @Override
    public Iterator<List<T>> iterator() {
        return new Batches(nextOrder());
    }

    private final class Batches implements Iterator<List<T>> {
        private final int[] order;
        private final int count;
        private final Deque<List<CompletableFuture<T>>> pending = new ArrayDeque<>();
        private int delivered;
        private int submitted;

        Batches(int[] order) {
            this.order = order;
            this.count = batchCount();
        }

        @Override
        public boolean hasNext() {
            return delivered < count;
        }

        @Override
        public List<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more batches");
            }
            int[] indices = batchIndices(delivered++);
            if (executor == null) {
                List<T> batch = new ArrayList<>(indices.length);
                for (int i : indices) {
                    batch.add(dataset.get(i));
                }
                return Collections.unmodifiableList(batch);
            }
            // Keep the workers busy with the next batches while this one is consumed.
            while (submitted < Math.min(count, delivered - 1 + prefetchBatches)) {
                pending.add(submit(batchIndices(submitted++)));
            }
            List<CompletableFuture<T>> futures = pending.poll();
            List<T> batch = new ArrayList<>(futures.size());
            for (int k = 0; k < futures.size(); k++) {
                batch.add(await(futures.get(k), indices[k]));
            }
            return Collections.unmodifiableList(batch);
        }

        private int[] batchIndices(int b) {
            int from = b * batchSize;
            return Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
        }

        private List<CompletableFuture<T>> submit(int[] indices) {
            List<CompletableFuture<T>> futures = new ArrayList<>(indices.length);
            for (int i : indices) {
                futures.add(CompletableFuture.supplyAsync(() -> dataset.get(i), executor));
            }
            return futures;
        }

        private T await(CompletableFuture<T> future, int index) {
            try {
                return future.join();
            } catch (CompletionException | CancellationException e) {
                for (List<CompletableFuture<T>> batch : pending) {
                    batch.forEach(f -> f.cancel(false));
                }
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw new DataException("sample " + index + " of " + dataset + ": " + cause, cause);
            }
        }
    }

    /** Builds a {@link BatchLoader}. */
    public static final class Builder<T> {
        private final Dataset<T> dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private Executor executor;
        private int prefetchBatches = 2;

        private Builder(Dataset<T> dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        public Builder<T> optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Shuffle every epoch with a generator seeded by {@code seed} (see the class comment for the RNG). */
        public Builder<T> optShuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** Drop the last batch when it is shorter than the batch size. */
        public Builder<T> optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Load samples on this executor's threads (the caller owns and shuts it down). */
        public Builder<T> optExecutor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** How many batches the workers load ahead of the consumer (2 by default, at least 1). */
        public Builder<T> optPrefetchBatches(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("prefetch must be at least 1 batch, got " + batches);
            }
            this.prefetchBatches = batches;
            return this;
        }

        public BatchLoader<T> build() {
            return new BatchLoader<>(this);
        }
    }
}
