package org.pot4j.ir.shape;

import java.util.Optional;

/** The integer values of a layer's inputs that come straight from a Const (Reshape's target shape, axes, orders). */
@FunctionalInterface
public interface ConstantInputs {
    /** The values of input {@code index} when a small integer Const feeds it; empty otherwise. */
    Optional<long[]> integers(int index);
}
