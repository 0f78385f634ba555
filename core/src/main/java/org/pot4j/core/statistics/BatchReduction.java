package org.pot4j.core.statistics;

import org.pot4j.api.tensor.Tensor;

/**
 * POT's per-batch statistic functions of activations (POT_SPEC §6.2): a batch tensor (batch on axis 0) becomes one
 * row per sample, with one value (per-tensor) or one value per channel (per-channel).
 */
public final class BatchReduction {
    private BatchReduction() {
    }

    /**
     * Reduces one batch.
     *
     * <ul>
     * <li>per-tensor: each sample's elements become one value ({@code [N][1]}); a tensor of rank below 2 is one
     *     sample;</li>
     * <li>per-channel: each sample's elements of each channel of {@code channelAxis} become one value
     *     ({@code [N][C]}); a tensor of rank below 3 is taken as it is ({@code [N][C]} or {@code [N][1]}), only
     *     made absolute for the {@code abs_*} reducers, as POT does.</li>
     * </ul>
     *
     * @param q           the quantile for {@link Reducer#QUANTILE} and {@link Reducer#ABS_QUANTILE}, ignored otherwise
     * @param channelAxis the channel axis for per-channel statistics (negative counts from the end); never 0
     * @throws IllegalArgumentException when the tensor has no elements per sample or the axis is outside its rank
     */
    public static double[][] reduce(Tensor batch, Reducer reducer, double q, Granularity granularity, int channelAxis) {
        long[] dims = batch.shape().dims();
        int rank = dims.length;
        float[] data = batch.toFloatArray();
        if (granularity == Granularity.PER_TENSOR) {
            int samples = rank < 2 ? 1 : (int) dims[0];
            return perSample(data, samples, reducer, q, batch);
        }
        if (rank < 3) {
            int samples = rank == 0 ? 1 : (int) dims[0];
            int channels = rank == 2 ? (int) dims[1] : 1;
            double[][] out = new double[samples][channels];
            for (int n = 0; n < samples; n++) {
                for (int c = 0; c < channels; c++) {
                    float v = data[n * channels + c];
                    out[n][c] = reducer.usesAbsoluteValues() ? Math.abs(v) : v;
                }
            }
            return out;
        }
        int axis = channelAxis < 0 ? rank + channelAxis : channelAxis;
        if (axis <= 0 || axis >= rank) {
            throw new IllegalArgumentException("channel axis " + channelAxis + " is outside the non-batch axes of a "
                    + batch.shape() + " tensor");
        }
        int samples = (int) dims[0];
        int channels = (int) dims[axis];
        int outer = 1;
        for (int i = 1; i < axis; i++) {
            outer *= (int) dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= (int) dims[i];
        }
        int perChannel = outer * inner;
        if (perChannel == 0) {
            throw new IllegalArgumentException("a " + batch.shape() + " tensor has no elements per channel");
        }
        int sampleSize = channels * perChannel;
        double[][] out = new double[samples][channels];
        float[] gathered = new float[perChannel];
        double[] scratch = new double[perChannel];
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                int k = 0;
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(data, n * sampleSize + (o * channels + c) * inner, gathered, k, inner);
                    k += inner;
                }
                out[n][c] = reducer.reduce(gathered, 0, perChannel, q, scratch);
            }
        }
        return out;
    }

    private static double[][] perSample(float[] data, int samples, Reducer reducer, double q, Tensor batch) {
        if (samples == 0) {
            return new double[0][1];
        }
        int size = data.length / samples;
        if (size == 0) {
            throw new IllegalArgumentException("a " + batch.shape() + " tensor has no elements per sample");
        }
        double[] scratch = reducer.isQuantile() ? new double[size] : null;
        double[][] out = new double[samples][1];
        for (int n = 0; n < samples; n++) {
            out[n][0] = reducer.reduce(data, n * size, size, q, scratch);
        }
        return out;
    }

    /**
     * The rows of a reduction an engine computed in the runtime: {@code [N]} per tensor becomes {@code [N][1]},
     * {@code [N, C]} per channel stays as it is.
     *
     * @throws IllegalArgumentException when the shape is not that of the granularity's reduction
     */
    public static double[][] rows(Tensor reduced, Granularity granularity) {
        long[] dims = reduced.shape().dims();
        boolean ok = granularity == Granularity.PER_TENSOR ? dims.length == 1 : dims.length == 2;
        if (!ok) {
            throw new IllegalArgumentException("a " + granularity.potName() + " reduction is "
                    + (granularity == Granularity.PER_TENSOR ? "[N]" : "[N, C]") + ", got " + reduced.shape());
        }
        int samples = (int) dims[0];
        int channels = dims.length == 2 ? (int) dims[1] : 1;
        double[] values = reduced.toDoubleArray();
        double[][] out = new double[samples][channels];
        for (int n = 0; n < samples; n++) {
            System.arraycopy(values, n * channels, out[n], 0, channels);
        }
        return out;
    }
}
