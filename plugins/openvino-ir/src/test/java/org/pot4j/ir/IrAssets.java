package org.pot4j.ir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.pot4j.testkit.TestAssets;

/** The real IRs under {@code <assets>/ir}. */
final class IrAssets {
    private IrAssets() {
    }

    /** Every {@code .xml} under {@code <assets>/ir}, sorted; empty when the assets are absent. */
    static List<Path> allIrs() {
        Path root = TestAssets.root().resolve("ir");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The IR at {@code ir/<relative>}; skips the test when absent. */
    static Path require(String relative) {
        return TestAssets.require("ir/" + relative);
    }
}
