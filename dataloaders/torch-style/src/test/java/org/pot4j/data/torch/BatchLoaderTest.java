package org.pot4j.data.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

class BatchLoaderTest {
    private static List<List<Integer>> all(Iterable<List<Integer>> loader) {
        List<List<Integer>> out = new ArrayList<>();
        loader.forEach(out::add);
        return out;
    }

    private static List<Integer> flat(List<List<Integer>> batches) {
        return batches.stream().flatMap(List::stream).toList();
    }

    /** Samples 0..n-1 that take an index-dependent time, so that parallel loads finish out of order. */
    private static Dataset<Integer> slow(int n) {
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Integer get(int index) {
                Objects.checkIndex(index, n);
                try {
                    Thread.sleep((7 * index) % 5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return index;
            }
        };
    }

    @Test
    void batchesInOrderWithAShortLastBatch() {
        BatchLoader<Integer> loader = BatchLoader.builder(DatasetsTest.numbers(0, 7)).optBatchSize(3).build();
        assertEquals(3, loader.batchCount());
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6)), all(loader));
        assertEquals(7, all(BatchLoader.builder(DatasetsTest.numbers(0, 7)).build()).size());
    }

    @Test
    void dropLastDropsTheShortBatch() {
        BatchLoader<Integer> loader = BatchLoader.builder(DatasetsTest.numbers(0, 7)).optBatchSize(3).optDropLast(true).build();
        assertEquals(2, loader.batchCount());
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5)), all(loader));
        var it = loader.iterator();
        it.next();
        it.next();
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void shuffleWithASeedIsDeterministicAndDocumented() {
        // Collections.shuffle with java.util.Random(42), one permutation per epoch (computed with the JDK alone).
        BatchLoader<Integer> loader = BatchLoader.builder(DatasetsTest.numbers(0, 10)).optBatchSize(4).optShuffle(42).build();
        List<List<Integer>> epoch0 = all(loader);
        assertEquals(List.of(List.of(4, 6, 2, 1), List.of(7, 9, 8, 5), List.of(3, 0)), epoch0);
        assertEquals(List.of(7, 4, 5, 8, 1, 6, 0, 9, 2, 3), flat(all(loader)));
        BatchLoader<Integer> again = BatchLoader.builder(DatasetsTest.numbers(0, 10)).optBatchSize(4).optShuffle(42).build();
        assertEquals(epoch0, all(again));
        List<Integer> other = flat(all(BatchLoader.builder(DatasetsTest.numbers(0, 10)).optShuffle(43).build()));
        assertNotEquals(flat(epoch0), other);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), other.stream().sorted().toList());
    }

    @Test
    void workerCountDoesNotChangeTheResult() {
        List<List<Integer>> sequential = all(BatchLoader.builder(slow(23)).optBatchSize(4).optShuffle(7).build());
        for (int workers : new int[] {1, 3, 8}) {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                BatchLoader<Integer> parallel = BatchLoader.builder(slow(23)).optBatchSize(4).optShuffle(7)
                        .optExecutor(pool).optPrefetchBatches(3).build();
                assertEquals(sequential, all(parallel), workers + " workers");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aFailingSampleFailsTheBatchWithItsOwnError() {
        Dataset<Integer> failing = DatasetsTest.numbers(0, 6).map(i -> {
            if (i == 4) {
                throw new DataException("sample 4: broken.png: cannot decode");
            }
            return i;
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var it = BatchLoader.builder(failing).optBatchSize(2).optExecutor(pool).build().iterator();
            it.next();
            it.next();
            DataException e = assertThrows(DataException.class, it::next);
            assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void collateStacksAlongANewBatchAxis() {
        Tensor a = Tensor.ofFloats(new float[] {1, 2}, 2);
        Tensor b = Tensor.ofFloats(new float[] {3, 4}, 2);
        Tensor s = Collate.stack(List.of(a, b));
        assertEquals(Shape.of(2, 2), s.shape());
        assertEquals(4f, s.getFloat(3));
        assertEquals(Shape.of(1, 2), Collate.stack(List.of(a)).shape());
        assertThrows(IllegalArgumentException.class, () -> Collate.stack(List.of()));
    }

    @Test
    void builderRejectsBadValues() {
        var builder = BatchLoader.builder(DatasetsTest.numbers(0, 1));
        assertThrows(IllegalArgumentException.class, () -> builder.optBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> builder.optPrefetchBatches(0));
        assertSame(builder, builder.optDropLast(false));
    }
}
