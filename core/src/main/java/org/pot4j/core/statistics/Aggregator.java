package org.pot4j.core.statistics;

import java.util.Arrays;
import java.util.List;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * How the per-batch values of a statistic are combined over a pass, as POT's aggregation functions (POT_SPEC §6.3).
 * Each batch contributes a {@code [N][C]} array: one row per sample, one column per channel ({@code C = 1} for
 * per-tensor statistics). Results are f64 tensors: a scalar for per-tensor statistics, {@code [C]} per channel, and
 * for {@link #BATCH_MEAN} {@code [1, N]} / {@code [1, N, C]}.
 *
 * <p>Batches of different sizes (the last batch of a pass is often short):
 * <ul>
 * <li>{@link #MEAN}: the mean of the batch means, as POT; a short batch weighs as much as a full one, so this is not
 *     the flat mean over samples.</li>
 * <li>{@link #MAX}, {@link #MIN}: unaffected.</li>
 * <li>{@link #MEDIAN}, {@link #MEAN_NO_OUTLIERS}, {@link #MEDIAN_NO_OUTLIERS}, {@link #HL_ESTIMATOR}: computed over
 *     every sample's value (numpy cannot stack ragged batches, so POT fails there; with equal batches the result is
 *     POT's).</li>
 * <li>{@link #BATCH_MEAN}: the element-wise mean over batches, which needs batches of equal size; a batch of another
 *     size fails with an {@link IllegalArgumentException}.</li>
 * </ul>
 */
public enum Aggregator {
    /** Mean of the batch means. Streaming: O(C). */
    MEAN("mean"),
    /** Largest value. Streaming: O(C). */
    MAX("max"),
    /** Smallest value. Streaming: O(C). */
    MIN("min"),
    /** numpy median over every sample. Keeps O(samples x C) values. */
    MEDIAN("median"),
    /** Mean of the values within the per-channel [1 %, 99 %] quantiles. Keeps O(samples x C) values. */
    MEAN_NO_OUTLIERS("mean_no_outliers"),
    /** Median of the values within the per-channel [1 %, 99 %] quantiles. Keeps O(samples x C) values. */
    MEDIAN_NO_OUTLIERS("median_no_outliers"),
    /** Hodges-Lehmann estimator: half the median of the pairwise sums {@code x_i + x_j, i > j}. Keeps O(samples x C). */
    HL_ESTIMATOR("hl_estimator"),
    /** Element-wise mean over batches, keeping the batch shape (BiasCorrection). Streaming: O(N x C). */
    BATCH_MEAN("batch_mean");

    /** The share of extreme values {@link #MEAN_NO_OUTLIERS} and {@link #MEDIAN_NO_OUTLIERS} drop at each end. */
    public static final double OUTLIER_ALPHA = 0.01;

    private final String potName;

    Aggregator(String potName) {
        this.potName = potName;
    }

    /** The name POT's configuration uses ({@code mean_no_outliers}). */
    public String potName() {
        return potName;
    }

    /**
     * The aggregator POT calls {@code name}.
     *
     * @throws ConfigurationException at {@code keyPath} when the name is unknown
     */
    public static Aggregator fromPotName(String name, String keyPath) {
        for (Aggregator a : values()) {
            if (a.potName.equals(name)) {
                return a;
            }
        }
        throw new ConfigurationException(keyPath, "'" + name + "' is not one of "
                + String.join(", ", Arrays.stream(values()).map(Aggregator::potName).toArray(String[]::new)));
    }

    /** True when the aggregator keeps only O(channels) state (O(N x C) for {@link #BATCH_MEAN}). */
    public boolean isStreaming() {
        return this == MEAN || this == MAX || this == MIN || this == BATCH_MEAN;
    }

    /** A fresh state for one pass; {@code perTensor} makes the result a scalar instead of a {@code [C]} vector. */
    public State newState(boolean perTensor) {
        switch (this) {
            case MEAN: return new MeanState(perTensor);
            case MAX: return new ExtremumState(perTensor, true);
            case MIN: return new ExtremumState(perTensor, false);
            case BATCH_MEAN: return new BatchMeanState(perTensor);
            default: return new ColumnsState(this, perTensor);
        }
    }

    /** Aggregates whole batches at once; {@code batches.get(b)[n][c]} is sample n, channel c of batch b. */
    public Tensor aggregate(List<double[][]> batches, boolean perTensor) {
        State state = newState(perTensor);
        batches.forEach(state::accept);
        return state.result();
    }

    /** The running aggregation of one pass; used from one thread at a time. */
    public interface State {
        /** Takes one batch: {@code perSample[n][c]}. */
        void accept(double[][] perSample);

        /**
         * The aggregate of every batch accepted.
         *
         * @throws IllegalStateException when no batch was accepted
         */
        Tensor result();
    }

    static Tensor f64(Shape shape, double... values) {
        byte[] bytes = new byte[values.length * 8];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
        return Tensor.of(ElementType.F64, shape, bytes);
    }

    static Tensor vector(boolean perTensor, double[] perChannel) {
        if (perTensor) {
            return f64(Shape.SCALAR, perChannel[0]);
        }
        return f64(Shape.of(perChannel.length), perChannel);
    }

    private abstract static class ChannelState implements State {
        final boolean perTensor;
        int channels = -1;

        ChannelState(boolean perTensor) {
            this.perTensor = perTensor;
        }

        /** Checks the channel count; false for a batch without samples. */
        boolean check(double[][] perSample) {
            if (perSample.length == 0) {
                return false;
            }
            int c = perSample[0].length;
            if (channels >= 0 && c != channels) {
                throw new IllegalArgumentException("a batch has " + c + " channels, earlier batches had " + channels);
            }
            channels = c;
            return true;
        }

        void requireData() {
            if (channels < 0) {
                throw new IllegalStateException("no batch was accumulated");
            }
        }
    }

    private static final class MeanState extends ChannelState {
        private double[] sumOfBatchMeans;
        private int batches;

        MeanState(boolean perTensor) {
            super(perTensor);
        }

        @Override
        public void accept(double[][] perSample) {
            if (!check(perSample)) {
                return;
            }
            if (sumOfBatchMeans == null) {
                sumOfBatchMeans = new double[channels];
            }
            for (int c = 0; c < channels; c++) {
                double s = 0;
                for (double[] sample : perSample) {
                    s += sample[c];
                }
                sumOfBatchMeans[c] += s / perSample.length;
            }
            batches++;
        }

        @Override
        public Tensor result() {
            requireData();
            double[] r = new double[channels];
            for (int c = 0; c < channels; c++) {
                r[c] = sumOfBatchMeans[c] / batches;
            }
            return vector(perTensor, r);
        }
    }

    private static final class ExtremumState extends ChannelState {
        private final boolean max;
        private double[] value;

        ExtremumState(boolean perTensor, boolean max) {
            super(perTensor);
            this.max = max;
        }

        @Override
        public void accept(double[][] perSample) {
            if (!check(perSample)) {
                return;
            }
            if (value == null) {
                value = new double[channels];
                Arrays.fill(value, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            for (double[] sample : perSample) {
                for (int c = 0; c < channels; c++) {
                    value[c] = max ? Math.max(value[c], sample[c]) : Math.min(value[c], sample[c]);
                }
            }
        }

        @Override
        public Tensor result() {
            requireData();
            return vector(perTensor, value.clone());
        }
    }

    private static final class BatchMeanState extends ChannelState {
        private double[][] sum;
        private int batches;

        BatchMeanState(boolean perTensor) {
            super(perTensor);
        }

        @Override
        public void accept(double[][] perSample) {
            if (!check(perSample)) {
                return;
            }
            if (sum == null) {
                sum = new double[perSample.length][channels];
            } else if (sum.length != perSample.length) {
                throw new IllegalArgumentException("batch_mean needs batches of equal size: got a batch of "
                        + perSample.length + " samples after batches of " + sum.length);
            }
            for (int n = 0; n < perSample.length; n++) {
                for (int c = 0; c < channels; c++) {
                    sum[n][c] += perSample[n][c];
                }
            }
            batches++;
        }

        @Override
        public Tensor result() {
            requireData();
            double[] flat = new double[sum.length * channels];
            for (int n = 0; n < sum.length; n++) {
                for (int c = 0; c < channels; c++) {
                    flat[n * channels + c] = sum[n][c] / batches;
                }
            }
            return f64(perTensor ? Shape.of(1, sum.length) : Shape.of(1, sum.length, channels), flat);
        }
    }

    /** The aggregators that need every sample's value: median, the no-outlier estimators, Hodges-Lehmann. */
    private static final class ColumnsState extends ChannelState {
        private final Aggregator kind;
        private final ChannelColumns columns = new ChannelColumns();

        ColumnsState(Aggregator kind, boolean perTensor) {
            super(perTensor);
            this.kind = kind;
        }

        @Override
        public void accept(double[][] perSample) {
            if (check(perSample)) {
                columns.append(perSample);
            }
        }

        @Override
        public Tensor result() {
            requireData();
            double[] r = new double[channels];
            for (int c = 0; c < channels; c++) {
                r[c] = reduceColumn(columns.column(c));
            }
            return vector(perTensor, r);
        }

        private double reduceColumn(double[] values) {
            switch (kind) {
                case MEDIAN:
                    return Quantiles.medianInPlace(values, values.length);
                case MEAN_NO_OUTLIERS:
                case MEDIAN_NO_OUTLIERS: {
                    double[] kept = withoutOutliers(values);
                    if (kind == MEDIAN_NO_OUTLIERS) {
                        return Quantiles.medianInPlace(kept, kept.length);
                    }
                    double s = 0;
                    for (double v : kept) {
                        s += v;
                    }
                    return kept.length == 0 ? Double.NaN : s / kept.length;
                }
                case HL_ESTIMATOR:
                    return hodgesLehmann(values);
                default:
                    throw new AssertionError(kind);
            }
        }

        private static double[] withoutOutliers(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double low = Quantiles.sortedQuantile(sorted, sorted.length, OUTLIER_ALPHA);
            double high = Quantiles.sortedQuantile(sorted, sorted.length, 1 - OUTLIER_ALPHA);
            return Arrays.stream(values).filter(v -> v >= low && v <= high).toArray();
        }

        // The n(n-1)/2 pairwise sums are materialised per channel, one channel at a time: fine for the
        // few hundred to few thousand samples of a calibration subset.
        private static double hodgesLehmann(double[] x) {
            int n = x.length;
            long pairs = (long) n * (n - 1) / 2;
            if (pairs > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("hl_estimator over " + n + " samples needs too many pairwise sums");
            }
            double[] sums = new double[(int) pairs];
            int k = 0;
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    sums[k++] = x[i] + x[j];
                }
            }
            return 0.5 * Quantiles.medianInPlace(sums, sums.length);
        }
    }
}
