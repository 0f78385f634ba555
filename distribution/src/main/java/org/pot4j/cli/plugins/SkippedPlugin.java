package org.pot4j.cli.plugins;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin jar of the plugins folder that was not loaded, and why.
 *
 * @param jar    the jar file
 * @param reason what is wrong with it, in words a plugin author can act on
 */
public record SkippedPlugin(Path jar, String reason) {
    public SkippedPlugin {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return jar + ": " + reason;
    }
}
