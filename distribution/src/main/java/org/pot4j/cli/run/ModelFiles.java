package org.pot4j.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.plugin.PluginRegistry;

/** Reads a model file through the registry's format for it. */
public final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * Reads {@code model} (and {@code weights}) with the format that recognises it.
     *
     * @throws ModelFormatException naming the file when it is missing or unreadable
     * @throws org.pot4j.api.error.PluginException listing the formats when none recognises the file
     */
    public static Model read(PluginRegistry registry, Path model, Optional<Path> weights, String name) {
        if (!Files.isRegularFile(model)) {
            throw new ModelFormatException("model file not found: " + model);
        }
        if (weights.isPresent() && !Files.isRegularFile(weights.get())) {
            throw new ModelFormatException("weights file not found: " + weights.get());
        }
        return registry.modelFormatFor(model).read(new ModelSource(model, weights, name));
    }

    /** The model file name without its extension. */
    public static String baseName(Path model) {
        return ModelSource.of(model).name();
    }
}
