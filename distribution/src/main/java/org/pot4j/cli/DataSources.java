package org.pot4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks of a {@code --data} value: a folder, a {@code .txt} list or a glob (whose files are found later). */
final class DataSources {
    private DataSources() {
    }

    static boolean isGlob(String source) {
        return source.contains("*") || source.contains("?") || source.contains("[");
    }

    /** The source as an absolute path text; null when it is not a glob and does not exist. */
    static String resolve(String source) {
        if (isGlob(source)) {
            return source;
        }
        Path p = Path.of(source).toAbsolutePath().normalize();
        return Files.exists(p) ? p.toString() : null;
    }
}
