package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * NormalizeL2-1 and MVN-1/-6: statistics over a set of axes, in double, then every element rescaled.
 * <ul>
 *   <li>NormalizeL2 (data, axes): {@code x / sqrt(max(sum(x^2), eps))} ({@code eps_mode=max}) or
 *   {@code x / sqrt(sum(x^2) + eps)} ({@code add}).</li>
 *   <li>MVN-6 (data, axes): {@code x - mean}, divided by {@code sqrt(var + eps)} ({@code inside_sqrt}) or
 *   {@code sqrt(var) + eps} ({@code outside_sqrt}) when {@code normalize_variance}. MVN-1 (no axes input) reduces
 *   axes 2.. ({@code across_channels}: 1..) or {@code reduction_axes}, with eps outside the square root.</li>
 * </ul>
 */
final class NormalizationKernels {
    private NormalizationKernels() {
    }

    static KernelFactory normalizeL2() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            double eps = a.doubleValue("eps", 0);
            String mode = a.string("eps_mode", "add");
            if (!mode.equals("add") && !mode.equals("max")) {
                throw new IllegalArgumentException("unsupported eps_mode '" + mode + "'");
            }
            boolean max = mode.equals("max");
            return (in, ctx) -> {
                Value x = in[0];
                boolean[] axes = axes(in[1].longs(), x.rank());
                Groups g = new Groups(x.shape(), axes);
                float[] src = x.floats();
                double[] sq = new double[g.count];
                for (int i = 0; i < src.length; i++) {
                    sq[g.of(i)] += (double) src[i] * src[i];
                }
                for (int k = 0; k < sq.length; k++) {
                    sq[k] = Math.sqrt(max ? Math.max(sq[k], eps) : sq[k] + eps);
                }
                float[] out = ctx.floats(src.length);
                for (int i = 0; i < src.length; i++) {
                    out[i] = (float) (src[i] / sq[g.of(i)]);
                }
                return new Value[] {Value.ofFloats(x.shape(), out)};
            };
        };
    }

    static KernelFactory mvn() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            boolean normalizeVariance = a.bool("normalize_variance", false);
            double eps = a.doubleValue("eps", 1e-9);
            boolean v6 = node.inputCount() > 1;
            String mode = a.string("eps_mode", v6 ? "inside_sqrt" : "outside_sqrt");
            if (!mode.equals("inside_sqrt") && !mode.equals("outside_sqrt")) {
                throw new IllegalArgumentException("unsupported eps_mode '" + mode + "'");
            }
            boolean inside = mode.equals("inside_sqrt");
            boolean acrossChannels = a.bool("across_channels", false);
            long[] reductionAxes = a.longs("reduction_axes", null);
            return (in, ctx) -> {
                Value x = in[0];
                int rank = x.rank();
                boolean[] axes;
                if (in.length > 1 && in[1] != null) {
                    axes = axes(in[1].longs(), rank);
                } else if (reductionAxes != null && reductionAxes.length > 0) {
                    axes = axes(reductionAxes, rank);
                } else {
                    axes = new boolean[rank];
                    for (int d = acrossChannels ? 1 : 2; d < rank; d++) {
                        axes[d] = true;
                    }
                }
                Groups g = new Groups(x.shape(), axes);
                float[] src = x.floats();
                double[] mean = new double[g.count];
                for (int i = 0; i < src.length; i++) {
                    mean[g.of(i)] += src[i];
                }
                for (int k = 0; k < g.count; k++) {
                    mean[k] /= g.size;
                }
                double[] scale = new double[g.count];
                java.util.Arrays.fill(scale, 1);
                if (normalizeVariance) {
                    double[] var = new double[g.count];
                    for (int i = 0; i < src.length; i++) {
                        double d = src[i] - mean[g.of(i)];
                        var[g.of(i)] += d * d;
                    }
                    for (int k = 0; k < g.count; k++) {
                        double v = var[k] / g.size;
                        scale[k] = 1 / (inside ? Math.sqrt(v + eps) : Math.sqrt(v) + eps);
                    }
                }
                float[] out = ctx.floats(src.length);
                for (int i = 0; i < src.length; i++) {
                    int k = g.of(i);
                    out[i] = (float) ((src[i] - mean[k]) * scale[k]);
                }
                return new Value[] {Value.ofFloats(x.shape(), out)};
            };
        };
    }

    private static boolean[] axes(long[] list, int rank) {
        boolean[] r = new boolean[rank];
        for (long a : list) {
            r[Dims.axis(a, rank)] = true;
        }
        return r;
    }

    /** Which reduction group each flat index belongs to (the index with the reduced axes dropped). */
    private static final class Groups {
        final int count;
        final int size;
        private final int[] shape;
        private final int[] groupStrides;

        Groups(int[] shape, boolean[] reduced) {
            this.shape = shape;
            int[] keep = new int[shape.length];
            int s = 1;
            for (int d = 0; d < shape.length; d++) {
                keep[d] = reduced[d] ? 1 : shape[d];
                s *= reduced[d] ? shape[d] : 1;
            }
            this.size = s;
            this.count = Dims.count(keep);
            this.groupStrides = Dims.strides(keep);
            for (int d = 0; d < shape.length; d++) {
                if (reduced[d]) {
                    groupStrides[d] = 0;
                }
            }
        }

        int of(int flat) {
            int g = 0;
            for (int d = shape.length - 1; d >= 0; d--) {
                g += (flat % shape[d]) * groupStrides[d];
                flat /= shape[d];
            }
            return g;
        }
    }
}
