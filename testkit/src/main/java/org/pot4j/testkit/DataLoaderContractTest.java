package org.pot4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.tensor.Tensor;

/**
 * The contract every {@link DataLoader} passes. Subclass it and return a loader over a small real data set; the
 * loader must have at least one sample.
 */
public abstract class DataLoaderContractTest {
    /** A loader with at least one sample. */
    protected abstract DataLoader createLoader();

    /** How many samples the contract checks in full (all of them when the loader is smaller). */
    protected int samplesToCheck() {
        return 4;
    }

    @Test
    void hasSamplesAndADescription() {
        DataLoader loader = createLoader();
        assertTrue(loader.size() > 0, "a contract loader needs at least one sample");
        assertFalse(loader.description() == null || loader.description().isBlank(), "description must not be blank");
    }

    @Test
    void samplesHaveStaticFiniteInputs() {
        DataLoader loader = createLoader();
        for (int i = 0; i < Math.min(samplesToCheck(), loader.size()); i++) {
            DataItem item = loader.get(i);
            assertNotNull(item, "sample " + i);
            for (Map.Entry<String, Tensor> e : item.inputs().entrySet()) {
                Tensor t = e.getValue();
                assertTrue(t.shape().isStatic(), "sample " + i + " input '" + e.getKey() + "' has a dynamic shape");
                assertTrue(t.elementCount() > 0, "sample " + i + " input '" + e.getKey() + "' is empty");
                if (t.elementType().isFloatingPoint()) {
                    for (float v : t.toFloatArray()) {
                        assertTrue(Float.isFinite(v), "sample " + i + " input '" + e.getKey() + "' holds " + v);
                    }
                }
            }
        }
    }

    @Test
    void indexOutsideTheDataSetFails() {
        DataLoader loader = createLoader();
        assertThrows(IndexOutOfBoundsException.class, () -> loader.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> loader.get(loader.size()));
    }

    @Test
    void loadingIsRepeatable() {
        DataLoader loader = createLoader();
        int last = loader.size() - 1;
        assertSameContent(loader.get(0), loader.get(0), 0);
        assertSameContent(loader.get(last), loader.get(last), last);
    }

    @Test
    void loadingFromSeveralThreadsGivesTheSameSamples() throws Exception {
        DataLoader loader = createLoader();
        int n = Math.min(samplesToCheck(), loader.size());
        List<DataItem> sequential = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sequential.add(loader.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<DataItem>> futures = new ArrayList<>();
            for (int i = n - 1; i >= 0; i--) {
                int index = i;
                futures.add(pool.submit(() -> loader.get(index)));
            }
            for (int i = 0; i < n; i++) {
                assertSameContent(sequential.get(n - 1 - i), futures.get(i).get(), n - 1 - i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertSameContent(DataItem a, DataItem b, int index) {
        assertEquals(a.inputs().keySet(), b.inputs().keySet(), "inputs of sample " + index);
        for (String name : a.inputs().keySet()) {
            assertTrue(a.inputs().get(name).contentEquals(b.inputs().get(name)),
                    "sample " + index + " input '" + name + "' differs between two loads");
        }
        assertEquals(a.annotation(), b.annotation(), "annotation of sample " + index);
    }
}
