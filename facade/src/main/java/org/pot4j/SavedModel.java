package org.pot4j;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A model file a save wrote, as one of the dictionaries POT's {@code save_model} returns.
 *
 * @param name    the model name, or for a stage of a cascade the stage's name
 * @param model   the model file ({@code .xml}, {@code .onnx})
 * @param weights the weights file beside it ({@code .bin}), when the format keeps weights apart
 */
public record SavedModel(String name, Path model, Optional<Path> weights) {
    /**
     * Checks the components.
     *
     * @param name    the model or stage name
     * @param model   the model file
     * @param weights the weights file, or empty (null is taken as empty)
     * @throws NullPointerException when the name or the model file is missing
     */
    public SavedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        weights = weights == null ? Optional.empty() : weights;
    }
}
