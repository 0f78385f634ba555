package org.pot4j.api.engine;

import java.util.Objects;

/**
 * A per-sample reduction of an observed tensor that an engine may compute inside the runtime, so that only the reduced
 * values leave it (POT's {@code inplace_statistics}). The batch axis 0 is always kept:
 * <ul>
 * <li>per tensor ({@link #channelAxis()} is {@link #PER_TENSOR}): every other axis is reduced, giving {@code [N]};</li>
 * <li>per channel: every axis but 0 and the channel axis is reduced, giving {@code [N, C]}.</li>
 * </ul>
 * Engines compute a reduction only on tensors of rank 2 or more (per tensor) or 3 or more with the channel axis inside
 * the rank (per channel), and otherwise hand over the whole value; a lower rank is reduced by the host by its own rules.
 * Values are f32 or f64.
 *
 * <p>Quantiles are numpy's default (linear) quantile of the reduced elements: with {@code n} elements sorted,
 * {@code h = (n - 1) q}, the value at {@code floor(h)} plus {@code h - floor(h)} times the step to the next one.
 *
 * @param kind        what is computed
 * @param channelAxis the channel axis (1 for NCHW; negative counts from the end), or {@link #PER_TENSOR}
 * @param quantile    {@code q} in [0, 1] of {@link Kind#QUANTILE} and {@link Kind#ABS_QUANTILE}; NaN for the others
 */
public record Reduction(Kind kind, int channelAxis, double quantile) {
    /** The {@link #channelAxis()} of a per-tensor reduction (axis 0 is the batch, never a channel). */
    public static final int PER_TENSOR = 0;

    /** What a reduction computes over the reduced axes. */
    public enum Kind {
        /** The smallest value. */
        MIN,
        /** The largest value. */
        MAX,
        /** The largest absolute value. */
        ABS_MAX,
        /** The arithmetic mean. */
        MEAN,
        /** The quantile {@code q} of the values. */
        QUANTILE,
        /** The quantile {@code q} of the absolute values. */
        ABS_QUANTILE;

        /** {@return whether the kind takes a quantile {@code q}} */
        public boolean isQuantile() {
            return this == QUANTILE || this == ABS_QUANTILE;
        }
    }

    /**
     * Checks the quantile and sets it to NaN for kinds without one.
     *
     * @param kind        what is computed, not null
     * @param channelAxis the channel axis, or {@link #PER_TENSOR}
     * @param quantile    {@code q} in [0, 1] for quantile kinds; ignored (stored as NaN) for the others
     * @throws IllegalArgumentException when a quantile kind's {@code q} is outside [0, 1] or NaN
     */
    public Reduction {
        Objects.requireNonNull(kind, "kind");
        if (kind.isQuantile()) {
            if (!(quantile >= 0 && quantile <= 1)) {
                throw new IllegalArgumentException("the quantile of a " + kind + " reduction must be in [0, 1], got "
                        + quantile);
            }
        } else {
            quantile = Double.NaN;
        }
    }

    /**
     * A reduction of a kind without quantile.
     *
     * @param kind        what is computed
     * @param channelAxis the channel axis, or {@link #PER_TENSOR}
     */
    public Reduction(Kind kind, int channelAxis) {
        this(kind, channelAxis, Double.NaN);
    }

    /**
     * A per-tensor reduction.
     *
     * @param kind what is computed; not a quantile kind
     * @return the reduction, giving {@code [N]}
     */
    public static Reduction perTensor(Kind kind) {
        return new Reduction(kind, PER_TENSOR);
    }

    /**
     * A per-channel reduction.
     *
     * @param kind what is computed; not a quantile kind
     * @param axis the channel axis (negative counts from the end), not 0
     * @return the reduction, giving {@code [N, C]}
     * @throws IllegalArgumentException when {@code axis} is the batch axis 0
     */
    public static Reduction perChannel(Kind kind, int axis) {
        if (axis == PER_TENSOR) {
            throw new IllegalArgumentException("the channel axis cannot be the batch axis 0");
        }
        return new Reduction(kind, axis);
    }

    /**
     * A quantile reduction ({@link Kind#QUANTILE} or {@link Kind#ABS_QUANTILE}) per tensor or, on
     * {@code channelAxis}, per channel.
     *
     * @param kind        {@link Kind#QUANTILE} or {@link Kind#ABS_QUANTILE}
     * @param q           the quantile, in [0, 1]
     * @param channelAxis the channel axis, or {@link #PER_TENSOR}
     * @return the reduction
     * @throws IllegalArgumentException when {@code kind} takes no quantile or {@code q} is outside [0, 1]
     */
    public static Reduction quantile(Kind kind, double q, int channelAxis) {
        if (!kind.isQuantile()) {
            throw new IllegalArgumentException(kind + " takes no quantile");
        }
        return new Reduction(kind, channelAxis, q);
    }

    /** {@return true when every axis but the batch is reduced} */
    public boolean isPerTensor() {
        return channelAxis == PER_TENSOR;
    }

    /**
     * Whether an engine reduces a tensor of {@code rank} (otherwise it hands over the whole value): rank 2 or more per
     * tensor, rank 3 or more with the channel axis among axes {@code 1 .. rank-1} per channel.
     *
     * @param rank the rank of the observed tensor, batch axis included
     * @return true when an engine computes this reduction for such a tensor
     */
    public boolean appliesToRank(int rank) {
        if (isPerTensor()) {
            return rank >= 2;
        }
        int axis = channelAxis < 0 ? rank + channelAxis : channelAxis;
        return rank >= 3 && axis >= 1 && axis < rank;
    }

    /**
     * The channel axis for a tensor of a given rank, counted from the start.
     *
     * @param rank the tensor's rank
     * @return {@link #channelAxis()}, with a negative axis turned into {@code rank + channelAxis}
     */
    public int channelAxis(int rank) {
        return channelAxis < 0 ? rank + channelAxis : channelAxis;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (kind.isQuantile() ? " " + quantile : "")
                + (isPerTensor() ? " per tensor" : " per channel " + channelAxis);
    }
}
