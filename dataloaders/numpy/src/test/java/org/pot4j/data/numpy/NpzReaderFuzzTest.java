package org.pot4j.data.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * Fuzzes the {@code .npz} reader with arbitrary archive bytes through {@link NumpyDataLoader} (headers at open, the
 * arrays on {@code get}). The contract: the archive reads as tensors holding every element their shapes promise, or
 * fails with a {@link DataException} naming the archive; nothing is written beside it (entry names are never
 * paths); anything else is a finding. Seeds: {@code src/test/resources/org/pot4j/data/numpy/NpzReaderFuzzTestInputs/
 * readsOrRefuses/}; fuzzing mode is {@code JAZZER_FUZZ=1} (see the module README).
 */
class NpzReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("npz-fuzz");
    }

    @AfterAll
    static void deleteFolder() throws IOException {
        FuzzFiles.delete(dir);
    }

    @FuzzTest(maxDuration = "5m")
    void readsOrRefuses(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("a.npz"), bytes);
        try {
            NumpyDataLoader loader = NumpyDataLoader.open(NumpyLoaderConfig.fromMap(Map.of("data_source", file.toString())));
            DataItem item = loader.get(0);
            assertFalse(item.inputs().isEmpty());
            for (Tensor t : item.inputs().values()) {
                NpyReaderFuzzTest.assertHoldsEveryElement(t, Integer.MAX_VALUE);
            }
        } catch (DataException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
        try (Stream<Path> all = Files.list(dir)) {
            assertEquals(List.of(file), all.toList(), "only the archive itself is in the folder");
        }
    }
}
