package org.pot4j.data.numpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * Fuzzes the {@code .npy} reader with arbitrary bytes, both as a file (through {@link NumpyDataLoader}, sizes known)
 * and as a stream of unknown length. The contract: the bytes read as a tensor holding every element its shape
 * promises, or fail with a {@link DataException} naming the file; anything else (a runtime exception, an
 * {@link Error}) is a finding. Regression mode (plain {@code mvn verify}) runs the seeds under
 * {@code src/test/resources/org/pot4j/data/numpy/NpyReaderFuzzTestInputs/readsOrRefuses/}; fuzzing mode is
 * {@code JAZZER_FUZZ=1} (see the module README).
 */
class NpyReaderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("npy-fuzz");
    }

    @AfterAll
    static void deleteFolder() throws IOException {
        FuzzFiles.delete(dir);
    }

    @FuzzTest(maxDuration = "5m")
    void readsOrRefuses(byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve("a.npy"), bytes);
        try {
            NumpyDataLoader loader = NumpyDataLoader.open(NumpyLoaderConfig.fromMap(Map.of("data_source", file.toString())));
            Tensor t = loader.get(0).inputs().values().iterator().next();
            assertHoldsEveryElement(t, bytes.length);
        } catch (DataException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
        try {
            Tensor t = NpyReader.read(new ByteArrayInputStream(bytes), "stream", NpyReader.UNKNOWN_SIZE);
            assertHoldsEveryElement(t, bytes.length);
        } catch (DataException e) {
            assertTrue(e.getMessage().startsWith("stream: "), e.getMessage());
        }
    }

    /** The tensor's bytes are its shape's elements times the item size, all of them from the input. */
    static void assertHoldsEveryElement(Tensor t, int inputBytes) {
        long bytes = t.elementType().byteSize(t.shape().elementCount());
        assertEquals(bytes, t.data().remaining());
        assertTrue(bytes <= inputBytes, t.shape() + " from " + inputBytes + " bytes");
    }
}
