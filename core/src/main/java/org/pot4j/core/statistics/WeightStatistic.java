package org.pot4j.core.statistics;

import java.util.Objects;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * A statistic of constant weights, computed once (POT_SPEC §6.2 weights): per-tensor gives a scalar, per-channel
 * one value per output channel (axis 0 after the optional transposition).
 *
 * @param reducer     the reduction ({@link Reducer#MEAN} is not one of POT's weight statistics but works too)
 * @param quantile    the quantile of the quantile reducers, in [0, 1]; NaN for the others
 * @param granularity per-tensor or per-output-channel
 * @param transposed  swap axes 0 and 1 first: ConvolutionBackpropData keeps weights as [Cin, Cout, ...]
 */
public record WeightStatistic(Reducer reducer, double quantile, Granularity granularity, boolean transposed) {
    public WeightStatistic {
        Objects.requireNonNull(reducer, "reducer");
        Objects.requireNonNull(granularity, "granularity");
        if (reducer.isQuantile()) {
            if (!(quantile >= 0 && quantile <= 1)) {
                throw new IllegalArgumentException("quantile of " + reducer.potName() + " must be in [0, 1], got " + quantile);
            }
        } else {
            quantile = Double.NaN;
        }
    }

    /** A non-quantile weight statistic of weights with the output channel on axis 0. */
    public static WeightStatistic of(Reducer reducer, Granularity granularity) {
        return new WeightStatistic(reducer, Double.NaN, granularity, false);
    }

    /** A quantile weight statistic of weights with the output channel on axis 0. */
    public static WeightStatistic quantile(Reducer reducer, double q, Granularity granularity) {
        return new WeightStatistic(reducer, q, granularity, false);
    }

    /** This statistic for weights stored [Cin, Cout, ...]. */
    public WeightStatistic transposedWeights() {
        return new WeightStatistic(reducer, quantile, granularity, true);
    }

    /**
     * The statistic of {@code weights}: an f64 scalar (per-tensor) or an f64 {@code [Cout]} vector (per-channel).
     *
     * @throws IllegalArgumentException when the tensor is empty, or is a scalar and a per-channel or transposed
     *                                  statistic is asked for
     */
    public Tensor compute(Tensor weights) {
        float[] data = weights.toFloatArray();
        if (data.length == 0) {
            throw new IllegalArgumentException("cannot compute " + reducer.potName() + " of empty weights " + weights.shape());
        }
        long[] dims = weights.shape().dims();
        if (transposed) {
            if (dims.length < 2) {
                throw new IllegalArgumentException("cannot transpose weights of shape " + weights.shape());
            }
            data = swapFirstAxes(data, dims);
            long d0 = dims[0];
            dims[0] = dims[1];
            dims[1] = d0;
        }
        if (granularity == Granularity.PER_TENSOR) {
            double[] scratch = reducer.isQuantile() ? new double[data.length] : null;
            return Aggregator.f64(Shape.SCALAR, reducer.reduce(data, 0, data.length, quantile, scratch));
        }
        if (dims.length == 0) {
            throw new IllegalArgumentException("per-channel statistics need weights of rank 1 or more, got a scalar");
        }
        int channels = (int) dims[0];
        int size = data.length / channels;
        double[] scratch = reducer.isQuantile() ? new double[size] : null;
        double[] out = new double[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = reducer.reduce(data, c * size, size, quantile, scratch);
        }
        return Aggregator.f64(Shape.of(channels), out);
    }

    private static float[] swapFirstAxes(float[] data, long[] dims) {
        int a = (int) dims[0];
        int b = (int) dims[1];
        int inner = data.length / (a * b);
        float[] out = new float[data.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                System.arraycopy(data, (i * b + j) * inner, out, (j * a + i) * inner, inner);
            }
        }
        return out;
    }
}
