package org.pot4j.testkit;

import org.pot4j.api.engine.Reduction;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** A plain oracle of {@link Reduction}s for contract tests: what an engine computing one in its runtime must match. */
public final class HostReduction {
    private HostReduction() {
    }

    /** {@code reduction} of a batch value: {@code [N]} per tensor, {@code [N, C]} per channel. */
    public static Tensor of(Reduction reduction, Tensor value) {
        long[] dims = value.shape().dims();
        int rank = dims.length;
        if (!reduction.appliesToRank(rank)) {
            throw new IllegalArgumentException(reduction + " does not apply to rank " + rank);
        }
        int samples = (int) dims[0];
        int axis = reduction.isPerTensor() ? -1 : reduction.channelAxis(rank);
        int channels = axis < 0 ? 1 : (int) dims[axis];
        int outer = 1;
        for (int i = 1; i < (axis < 0 ? 1 : axis); i++) {
            outer *= (int) dims[i];
        }
        int inner = 1;
        for (int i = (axis < 0 ? 1 : axis + 1); i < rank; i++) {
            inner *= (int) dims[i];
        }
        float[] data = value.toFloatArray();
        float[] out = new float[samples * channels];
        int sample = outer * channels * inner;
        double[] gathered = new double[outer * inner];
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                if (reduction.kind().isQuantile()) {
                    for (int o = 0; o < outer; o++) {
                        int base = n * sample + (o * channels + c) * inner;
                        for (int i = 0; i < inner; i++) {
                            float v = data[base + i];
                            gathered[o * inner + i] = reduction.kind() == Reduction.Kind.ABS_QUANTILE ? Math.abs(v) : v;
                        }
                    }
                    out[n * channels + c] = (float) quantile(gathered, reduction.quantile());
                    continue;
                }
                double acc = start(reduction.kind());
                for (int o = 0; o < outer; o++) {
                    int base = n * sample + (o * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        acc = step(reduction.kind(), acc, data[base + i]);
                    }
                }
                out[n * channels + c] = (float) (reduction.kind() == Reduction.Kind.MEAN ? acc / (outer * inner) : acc);
            }
        }
        return Tensor.ofFloats(axis < 0 ? Shape.of(samples) : Shape.of(samples, channels), out);
    }

    /** numpy's linear quantile: sorted values, {@code h = (n - 1) q}, interpolated between its neighbours. */
    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double start(Reduction.Kind kind) {
        return switch (kind) {
            case MIN -> Double.POSITIVE_INFINITY;
            case MAX -> Double.NEGATIVE_INFINITY;
            default -> 0;
        };
    }

    private static double step(Reduction.Kind kind, double acc, float v) {
        return switch (kind) {
            case MIN -> Math.min(acc, v);
            case MAX -> Math.max(acc, v);
            case ABS_MAX -> Math.max(acc, Math.abs(v));
            default -> acc + v;
        };
    }
}
