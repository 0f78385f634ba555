package org.pot4j.data.image;

import java.nio.file.Path;

/**
 * A file left out because {@code skip_bad_samples} was set and it could not be used.
 *
 * @param file   the file
 * @param reason what is wrong with it
 */
public record SkippedSample(Path file, String reason) {
}
