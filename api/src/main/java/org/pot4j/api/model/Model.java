package org.pot4j.api.model;

import java.util.List;
import java.util.Optional;
import org.pot4j.api.graph.Graph;

/**
 * A model read by a {@link ModelFormat}: the native document kept as it is, plus the neutral {@link Graph} view.
 * A cascade (such as MT-CNN) is a model whose {@link #subModels()} run one after another; its own graph is empty.
 *
 * <p>Format-specific abilities (quantization edits, serialisation for a runtime) are reached through
 * {@link #extension(Class)}, so algorithms look them up instead of switching over formats.
 */
public interface Model {
    /** {@return the model name, used for output file names} */
    String name();

    /** {@return the name of the {@link ModelFormat} that read it ({@code "openvino-ir"}, {@code "onnx"})} */
    String format();

    /** {@return the neutral graph view of this model; empty for a cascade} */
    Graph graph();

    /** {@return the stages of a cascade, in order; empty for a single model (the default)} */
    default List<Model> subModels() {
        return List.of();
    }

    /** {@return true when the model is a cascade, that is, it has {@link #subModels()}} */
    default boolean isCascade() {
        return !subModels().isEmpty();
    }

    /** {@return an independent deep copy that edits do not share with this model} */
    Model copy();

    /**
     * A format-specific ability of this model, such as a
     * {@link org.pot4j.api.quantization.QuantizationEditor} or a {@link SerializedModel}.
     *
     * @param <T>  the ability's type
     * @param type the ability's interface
     * @return the ability, or empty when the format does not provide it (the default)
     */
    default <T> Optional<T> extension(Class<T> type) {
        return Optional.empty();
    }
}
