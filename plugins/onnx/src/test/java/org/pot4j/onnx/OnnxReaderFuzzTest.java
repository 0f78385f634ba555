package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;

/**
 * Fuzzes the ONNX reader: any bytes, written as {@code model.onnx} into a folder that also holds an external data
 * file, either read (the graph view built) and round-trip through the writer unchanged, or fail with the documented
 * {@link ModelFormatException} naming the file, within seconds. Anything else (a NullPointerException,
 * IndexOutOfBounds, NegativeArraySize, OutOfMemoryError, StackOverflowError, ArithmeticException, a hang ...) is a
 * finding.
 *
 * <p>Plain {@code mvn verify} runs the seed corpus ({@code OnnxReaderFuzzTestInputs/readsOrRefuses/}, written by
 * {@link OnnxFuzzSeeds}, plus any finding Jazzer saved there) in regression mode; {@code JAZZER_FUZZ=1} fuzzes for
 * {@code maxDuration} (README).
 */
class OnnxReaderFuzzTest {
    /** The most one input may take, reading and writing: the reader's models are tiny. */
    private static final long MAX_SECONDS = 10;

    @TempDir
    static Path dir;

    private static Path model;
    private static Path output;

    @BeforeAll
    static void folders() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.write(in.resolve(OnnxFuzzSeeds.EXTERNAL_FILE), OnnxFuzzSeeds.externalBytes());
        model = in.resolve("model.onnx");
        output = dir.resolve("out");
    }

    @FuzzTest(maxDuration = "5m")
    void readsOrRefuses(byte[] bytes) throws IOException {
        long start = System.nanoTime();
        try {
            readOrRefuse(bytes);
        } finally {
            // not JUnit's @Timeout: Jazzer would apply it to the whole fuzzing run
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < MAX_SECONDS, () -> "one input took " + seconds + " s");
        }
    }

    /** One node of an op pot4j maps, with inputs and attributes made from the data (OnnxFuzzNodeModels). */
    @FuzzTest(maxDuration = "5m")
    void mapsOrRefusesOneNode(FuzzedDataProvider data) throws IOException {
        readsOrRefuses(OnnxFuzzNodeModels.model(data).toByteArray());
    }

    private static void readOrRefuse(byte[] bytes) throws IOException {
        Files.write(model, bytes);
        OnnxModelFormat format = new OnnxModelFormat();
        OnnxModel read;
        try {
            read = format.read(ModelSource.of(model));
            read.graph();
        } catch (ModelFormatException e) {
            assertTrue(e.getMessage().contains(model.toString()), () -> "the message names the file: " + e.getMessage());
            return;
        }
        List<Path> written = format.write(read, output, "copy");
        OnnxModel again = format.read(ModelSource.of(written.get(0)));
        assertEquals(read.proto(), again.proto(), "the written model is the model read");
    }
}
