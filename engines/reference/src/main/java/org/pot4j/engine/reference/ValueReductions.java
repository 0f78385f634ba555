package org.pot4j.engine.reference;

import org.pot4j.api.engine.Reduction;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.runtime.Value;

/**
 * {@link Reduction}s of a float value computed on its buffer as the engine produced it, without copying the value
 * out: the reference engine's in-graph statistics. Sums of means are kept in double.
 */
final class ValueReductions {
    private ValueReductions() {
    }

    /**
     * Whether {@code reduction} is computed here for {@code value}: float, a rank the reduction applies to, and not a
     * quantile (those take the whole value, selected on the host).
     */
    static boolean applies(Reduction reduction, Value value) {
        return value.isFloat() && !reduction.kind().isQuantile() && reduction.appliesToRank(value.rank());
    }

    /** {@code reduction} of {@code value}: {@code [N]} per tensor, {@code [N, C]} per channel, f32. */
    static Tensor reduce(Reduction reduction, Value value) {
        int[] dims = value.shape();
        int rank = dims.length;
        int samples = dims[0];
        int axis = reduction.isPerTensor() ? 1 : reduction.channelAxis(rank);
        int channels = reduction.isPerTensor() ? 1 : dims[axis];
        int outer = 1;
        for (int i = 1; i < axis; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = reduction.isPerTensor() ? 1 : axis + 1; i < rank; i++) {
            inner *= dims[i];
        }
        float[] data = value.floats();
        float[] out = new float[samples * channels];
        int sample = outer * channels * inner;
        Reduction.Kind kind = reduction.kind();
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                double acc = kind == Reduction.Kind.MIN ? Double.POSITIVE_INFINITY
                        : kind == Reduction.Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
                for (int o = 0; o < outer; o++) {
                    int from = n * sample + (o * channels + c) * inner;
                    acc = run(kind, acc, data, from, from + inner);
                }
                out[n * channels + c] = (float) (kind == Reduction.Kind.MEAN ? acc / ((double) outer * inner) : acc);
            }
        }
        return Tensor.ofFloats(reduction.isPerTensor() ? Shape.of(samples) : Shape.of(samples, channels), out);
    }

    private static double run(Reduction.Kind kind, double acc, float[] data, int from, int to) {
        switch (kind) {
            case MIN -> {
                float m = (float) acc;
                for (int i = from; i < to; i++) {
                    m = Math.min(m, data[i]);
                }
                return m;
            }
            case MAX -> {
                float m = (float) acc;
                for (int i = from; i < to; i++) {
                    m = Math.max(m, data[i]);
                }
                return m;
            }
            case ABS_MAX -> {
                float m = (float) acc;
                for (int i = from; i < to; i++) {
                    m = Math.max(m, Math.abs(data[i]));
                }
                return m;
            }
            default -> {
                double s = acc;
                for (int i = from; i < to; i++) {
                    s += data[i];
                }
                return s;
            }
        }
    }
}
