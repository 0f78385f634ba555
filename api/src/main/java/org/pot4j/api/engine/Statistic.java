package org.pot4j.api.engine;

import org.pot4j.api.tensor.Tensor;

/**
 * A statistic an engine computes on a tensor while it runs, one batch at a time, so memory does not grow with the
 * number of samples. The engine hands each batch's value of the port (batch on axis 0) to an accumulator.
 */
public interface Statistic {
    /** The statistic's name, unique per port in a request ({@code "min_min"}, {@code "max_abs_max"}). */
    String name();

    /** A fresh accumulator for one predict pass. */
    Accumulator newAccumulator();

    /** Accumulates one statistic over the batches of a pass; used from one thread at a time. */
    interface Accumulator {
        /** Takes the value of the port for one batch (or one inference of a cascade stage). */
        void accept(Tensor batch);

        /** The statistic over everything accepted. */
        Tensor result();
    }
}
