package org.pot4j.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared real models and images ({@code ../shared/assets}, or the folder named by the system property
 * {@code pot4j.assets}); tests that need them are skipped with a message naming the missing file when absent.
 */
public final class TestAssets {
    private TestAssets() {
    }

    /** The assets folder (it may not exist). */
    public static Path root() {
        String prop = System.getProperty("pot4j.assets");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return Path.of("..", "shared", "assets").toAbsolutePath().normalize();
    }

    /** The asset at {@code relative}; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "skipped: asset not found: " + p + " (set -Dpot4j.assets=<shared/assets>)");
        return p;
    }
}
