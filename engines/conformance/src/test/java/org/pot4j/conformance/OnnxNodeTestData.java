package org.pot4j.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds ONNX's node test cases: system property {@code pot4j.onnx.testdata}, else Debian's libonnx-testdata folder. */
final class OnnxNodeTestData {
    static final String PROPERTY = "pot4j.onnx.testdata";
    static final String DEFAULT_FOLDER = "/usr/share/libonnx-testdata/data/node";

    private OnnxNodeTestData() {
    }

    /** The folder of node cases, or empty when it does not exist. */
    static Optional<Path> folder() {
        Path folder = Path.of(System.getProperty(PROPERTY, DEFAULT_FOLDER));
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** Every case folder holding a model.onnx, sorted by name. */
    static List<OnnxNodeCase> cases(Path folder) {
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("model.onnx")))
                    .sorted()
                    .map(OnnxNodeCase::in)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list ONNX node cases in " + folder, e);
        }
    }
}
