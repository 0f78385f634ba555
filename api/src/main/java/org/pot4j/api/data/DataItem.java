package org.pot4j.api.data;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pot4j.api.tensor.Tensor;

/**
 * One sample of a {@link DataLoader}: model inputs by input name (or a single {@link #UNNAMED} input), an optional
 * annotation (label, boxes, ...) and optional metadata, as POT's {@code (data, annotation, metadata)}.
 *
 * @param inputs     input tensors without a batch dimension added by the loader; at least one
 * @param annotation the ground truth for metrics, or null
 * @param metadata   extra facts about the sample (file name, original size, ...)
 */
public record DataItem(Map<String, Tensor> inputs, Object annotation, Map<String, Object> metadata) {
    /** The key of the single input of a loader that does not name inputs. */
    public static final String UNNAMED = "";

    /**
     * Checks and copies the components.
     *
     * @param inputs     the input tensors by name; copied, at least one
     * @param annotation the ground truth, or null
     * @param metadata   facts about the sample; copied, null for none
     * @throws IllegalArgumentException when there is no input
     */
    public DataItem {
        inputs = Map.copyOf(Objects.requireNonNull(inputs, "inputs"));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a data item needs at least one input");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * A sample with a single unnamed input and nothing else.
     *
     * @param input the model's only input
     * @return the sample, without annotation or metadata
     */
    public static DataItem of(Tensor input) {
        return new DataItem(Map.of(UNNAMED, input), null, Map.of());
    }

    /**
     * A sample with a single unnamed input and an annotation.
     *
     * @param input      the model's only input
     * @param annotation the ground truth for metrics, or null
     * @return the sample, without metadata
     */
    public static DataItem of(Tensor input, Object annotation) {
        return new DataItem(Map.of(UNNAMED, input), annotation, Map.of());
    }

    /** {@return the annotation, or empty when the sample has none} */
    public Optional<Object> optAnnotation() {
        return Optional.ofNullable(annotation);
    }

    /** {@return true when the loader gave one input without a name ({@link #UNNAMED})} */
    public boolean isUnnamed() {
        return inputs.size() == 1 && inputs.containsKey(UNNAMED);
    }
}
