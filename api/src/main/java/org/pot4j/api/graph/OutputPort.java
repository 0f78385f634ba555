package org.pot4j.api.graph;

import java.util.List;
import java.util.Objects;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;

/**
 * An output of a node with what is known of its tensor before running the model.
 *
 * @param index       the output index, from 0
 * @param shape       the shape, with {@link Shape#DYNAMIC} dimensions where unknown
 * @param elementType the element type
 * @param tensorNames names the format gives the tensor (IR port {@code names}, ONNX value names)
 */
public record OutputPort(int index, Shape shape, ElementType elementType, List<String> tensorNames) {
    /**
     * Checks the components and copies the tensor names.
     *
     * @param index       the output index
     * @param shape       the shape, not null
     * @param elementType the element type, not null
     * @param tensorNames the tensor's names; copied
     */
    public OutputPort {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(elementType, "elementType");
        tensorNames = List.copyOf(tensorNames);
    }
}
