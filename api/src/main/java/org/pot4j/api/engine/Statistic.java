package org.pot4j.api.engine;

import java.util.Optional;
import org.pot4j.api.tensor.Tensor;

/**
 * A statistic of the tensor at a port, accumulated one inference at a time so memory does not grow with the number of
 * samples. The collector hands each inference's value (batch on axis 0) to an accumulator, or, when the statistic
 * starts with a {@link #reduction()} the engine computed inside the runtime, that reduction's value.
 */
public interface Statistic {
    /** {@return the statistic's name, unique per port in a request ({@code "min_min"}, {@code "max_abs_max"})} */
    String name();

    /** {@return a fresh accumulator for one pass} */
    Accumulator newAccumulator();

    /**
     * The per-sample reduction the statistic starts with, which an engine may compute in the runtime; empty when the
     * statistic needs the whole value. With a reduction, the accumulator takes {@link Accumulator#acceptReduced}.
     *
     * @return the reduction, or empty (the default) for whole values
     */
    default Optional<Reduction> reduction() {
        return Optional.empty();
    }

    /** Accumulates one statistic over the inferences of a pass; used from one thread at a time. */
    interface Accumulator {
        /**
         * Takes the whole value of the port for one inference.
         *
         * @param batch the port's tensor, batch on axis 0 (a batch, or one inference of a cascade stage)
         */
        void accept(Tensor batch);

        /**
         * Takes the value of the statistic's {@link Statistic#reduction()} for one inference: {@code [N]} or
         * {@code [N, C]}.
         *
         * @param reduced the reduced values of one inference
         * @throws UnsupportedOperationException when the statistic has no reduction (the default)
         */
        default void acceptReduced(Tensor reduced) {
            throw new UnsupportedOperationException(getClass().getName() + " takes whole values only");
        }

        /** {@return the statistic over everything accepted} */
        Tensor result();
    }
}
