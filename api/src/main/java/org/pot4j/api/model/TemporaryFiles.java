package org.pot4j.api.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Temporary files for writers that write beside the target and move into place (the {@link ModelFormat} contract),
 * readable like any new file: {@link Files#createTempFile} alone gives mode 0600, which the move would publish.
 */
public final class TemporaryFiles {
    private TemporaryFiles() {
    }

    /**
     * Creates a new empty hidden file in {@code directory}, named {@code .<prefix>...<suffix>}, mode rw-r--r-- where
     * the file system is POSIX.
     *
     * @param directory the directory of the file it will replace, so the final move stays on one file system
     * @param prefix    the start of the name, after the dot
     * @param suffix    the end of the name, such as {@code ".tmp"}
     * @return the new file
     * @throws IOException when the file cannot be created or its permissions set
     */
    public static Path beside(Path directory, String prefix, String suffix) throws IOException {
        Path tmp = Files.createTempFile(directory, "." + prefix, suffix);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
        return tmp;
    }
}
