package org.pot4j.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code model} section: one model ({@code model}, {@code weights}) or a cascade of stages.
 *
 * @param modelName the name outputs are written under
 * @param model     the model file of a single model; empty for a cascade
 * @param weights   the separate weights file (IR {@code .bin}), when given
 * @param cascade   the stages of a cascade, in order; empty for a single model
 */
public record ModelConfig(String modelName, Optional<Path> model, Optional<Path> weights, List<CascadeStage> cascade) {
    public ModelConfig {
        Objects.requireNonNull(modelName, "modelName");
        model = model == null ? Optional.empty() : model;
        weights = weights == null ? Optional.empty() : weights;
        cascade = cascade == null ? List.of() : List.copyOf(cascade);
        if (model.isPresent() == !cascade.isEmpty()) {
            throw new IllegalArgumentException("a model config has either a model file or cascade stages");
        }
    }

    public boolean isCascade() {
        return !cascade.isEmpty();
    }

    /**
     * One stage of a cascade.
     *
     * @param name    the stage name (prefix of its op names, key of its ignored scope)
     * @param model   the stage's model file
     * @param weights the stage's weights file, when given
     */
    public record CascadeStage(String name, Path model, Optional<Path> weights) {
        public CascadeStage {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(model, "model");
            weights = weights == null ? Optional.empty() : weights;
        }
    }
}
