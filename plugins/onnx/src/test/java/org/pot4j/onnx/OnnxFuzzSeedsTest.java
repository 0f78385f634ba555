package org.pot4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.model.ModelSource;

/** The committed seed corpus of {@link OnnxReaderFuzzTest} is what {@link OnnxFuzzSeeds} writes, and every seed reads. */
class OnnxFuzzSeedsTest {
    @TempDir
    Path dir;

    @Test
    void committedSeedsAreTheGeneratedOnes() throws IOException {
        for (Map.Entry<String, byte[]> e : OnnxFuzzSeeds.seeds().entrySet()) {
            Path committed = OnnxFuzzSeeds.FOLDER.resolve(e.getKey());
            assertTrue(Files.isRegularFile(committed), committed + " is missing: run OnnxFuzzSeeds.main");
            assertArrayEquals(e.getValue(), Files.readAllBytes(committed), committed + " is stale: run OnnxFuzzSeeds.main");
        }
    }

    @Test
    void everySeedReads() throws IOException {
        Files.write(dir.resolve(OnnxFuzzSeeds.EXTERNAL_FILE), OnnxFuzzSeeds.externalBytes());
        for (Map.Entry<String, byte[]> e : OnnxFuzzSeeds.seeds().entrySet()) {
            Path file = Files.write(dir.resolve(e.getKey()), e.getValue());
            assertDoesNotThrow(() -> new OnnxModelFormat().read(ModelSource.of(file)).graph(), e.getKey());
        }
    }
}
