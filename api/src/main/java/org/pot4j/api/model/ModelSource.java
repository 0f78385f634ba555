package org.pot4j.api.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a model comes from: the model file, an optional separate weights file (IR {@code .bin}) and the name
 * the model is known by.
 *
 * @param model   the model file ({@code .xml}, {@code .onnx})
 * @param weights the weights file, when the format keeps weights apart and it is not found beside the model
 * @param name    the model name; defaults to the file name without extension
 */
public record ModelSource(Path model, Optional<Path> weights, String name) {
    /**
     * Fills in defaults.
     *
     * @param model   the model file, not null
     * @param weights the weights file, or empty (null counts as empty)
     * @param name    the model name; null or blank means the file name without its extension
     */
    public ModelSource {
        Objects.requireNonNull(model, "model");
        weights = weights == null ? Optional.empty() : weights;
        if (name == null || name.isBlank()) {
            String file = model.getFileName().toString();
            int dot = file.lastIndexOf('.');
            name = dot > 0 ? file.substring(0, dot) : file;
        }
    }

    /**
     * A model file with the default weights location and name.
     *
     * @param model the model file
     * @return the source
     */
    public static ModelSource of(Path model) {
        return new ModelSource(model, Optional.empty(), null);
    }
}
