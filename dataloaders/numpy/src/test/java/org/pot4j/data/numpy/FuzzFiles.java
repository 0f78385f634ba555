package org.pot4j.data.numpy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folder of a fuzz test (JUnit's {@code @TempDir} is not injected into fuzz tests): deletion. */
final class FuzzFiles {
    private FuzzFiles() {
    }

    /** Deletes {@code dir} and everything in it; nothing when it is null. */
    static void delete(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
