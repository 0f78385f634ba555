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
    /** The model name, used for output file names. */
    String name();

    /** The name of the {@link ModelFormat} that read it ({@code "openvino-ir"}, {@code "onnx"}). */
    String format();

    /** The neutral graph view of this model. */
    Graph graph();

    /** The stages of a cascade, in order; empty for a single model. */
    default List<Model> subModels() {
        return List.of();
    }

    default boolean isCascade() {
        return !subModels().isEmpty();
    }

    /** An independent deep copy that edits do not share with this model. */
    Model copy();

    /** A format-specific ability of this model, if its format provides one. */
    default <T> Optional<T> extension(Class<T> type) {
        return Optional.empty();
    }
}
