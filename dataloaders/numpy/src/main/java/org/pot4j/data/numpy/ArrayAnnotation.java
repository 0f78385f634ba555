package org.pot4j.data.numpy;

import java.util.Objects;
import org.pot4j.api.tensor.Tensor;

/**
 * An annotation array read from an {@code .npz} entry; equal to another when type, shape and data are equal (Tensor
 * itself compares by identity), so that two loads of one sample give equal annotations.
 *
 * @param tensor the array
 */
public record ArrayAnnotation(Tensor tensor) {
    public ArrayAnnotation {
        Objects.requireNonNull(tensor, "tensor");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayAnnotation && tensor.contentEquals(((ArrayAnnotation) o).tensor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tensor.elementType(), tensor.shape(), tensor.data());
    }
}
