package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Index-driven reads and writes: GatherElements-6 ({@code axis}), GatherND-8 ({@code batch_dims}),
 * ScatterElementsUpdate-12 (axis input) and ScatterNDUpdate, both with {@code reduction} none/sum/prod/min/max.
 * Negative indices count from the end of their axis; floats and integers keep their kind.
 */
final class GatherScatterKernels {
    private GatherScatterKernels() {
    }

    private static long wrap(long i, int n, String what) {
        long j = i < 0 ? i + n : i;
        if (j < 0 || j >= n) {
            throw new IllegalArgumentException(what + " index " + i + " is outside an axis of " + n);
        }
        return j;
    }

    /**
     * The flat offset in the data tensor (strides {@code xs}) of element {@code flat} of an index tensor of shape
     * {@code is}: its own coordinates, except on {@code axis}, where the index {@code index} is used.
     */
    private static int elementOffset(int flat, int[] is, int[] xs, int axis, long index, int axisSize, String what) {
        int rem = flat;
        int off = 0;
        for (int d = is.length - 1; d >= 0; d--) {
            int pos = rem % is[d];
            rem /= is[d];
            off += (d == axis ? (int) wrap(index, axisSize, what) : pos) * xs[d];
        }
        return off;
    }

    static KernelFactory gatherElements() {
        return (node, cc) -> {
            long axisAttr = new NodeAttributes(node).longValue("axis", 0);
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int[] is = in[1].shape();
                int axis = Dims.axis(axisAttr, s.length);
                int[] xs = Dims.strides(s);
                long[] idx = in[1].longs();
                Object src = x.array();
                Object dst = x.newArray(idx.length);
                for (int o = 0; o < idx.length; o++) {
                    System.arraycopy(src, elementOffset(o, is, xs, axis, idx[o], s[axis], "GatherElements"), dst, o, 1);
                }
                return new Value[] {x.withData(is, dst)};
            };
        };
    }

    static KernelFactory gatherNd() {
        return (node, cc) -> {
            int bd = (int) new NodeAttributes(node).longValue("batch_dims", 0);
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int[] is = in[1].shape();
                int k = is[is.length - 1];
                int batch = Dims.product(is, 0, bd);
                int tuples = Dims.product(is, bd, is.length - 1);
                int slice = Dims.product(s, bd + k, s.length);
                int perBatch = Dims.product(s, bd, s.length);
                int[] xs = Dims.strides(s);
                int[] os = new int[is.length - 1 + s.length - bd - k];
                int j = 0;
                for (int d = 0; d < is.length - 1; d++) {
                    os[j++] = is[d];
                }
                for (int d = bd + k; d < s.length; d++) {
                    os[j++] = s[d];
                }
                long[] idx = in[1].longs();
                Object src = x.array();
                Object dst = x.newArray(batch * tuples * slice);
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < tuples; t++) {
                        int off = b * perBatch;
                        for (int q = 0; q < k; q++) {
                            off += (int) wrap(idx[(b * tuples + t) * k + q], s[bd + q], "GatherND") * xs[bd + q];
                        }
                        System.arraycopy(src, off, dst, (b * tuples + t) * slice, slice);
                    }
                }
                return new Value[] {x.withData(os, dst)};
            };
        };
    }

    /** How an update combines with the element already there. */
    private interface Reduction {
        double apply(double old, double update);
    }

    private static Reduction reduction(String name) {
        switch (name) {
            case "none": return (a, b) -> b;
            case "sum": return Double::sum;
            case "prod": return (a, b) -> a * b;
            case "min": return Math::min;
            case "max": return Math::max;
            default: throw new IllegalArgumentException("unsupported reduction '" + name + "'");
        }
    }

    static KernelFactory scatterElements() {
        return (node, cc) -> {
            Reduction r = reduction(new NodeAttributes(node).string("reduction", "none"));
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int[] is = in[1].shape();
                int axis = Dims.axis(in[3].longs()[0], s.length);
                int[] xs = Dims.strides(s);
                long[] idx = in[1].longs();
                double[] out = doubles(x);
                double[] upd = doubles(in[2]);
                for (int u = 0; u < idx.length; u++) {
                    int off = elementOffset(u, is, xs, axis, idx[u], s[axis], "ScatterElements");
                    out[off] = r.apply(out[off], upd[u]);
                }
                return new Value[] {back(x, out)};
            };
        };
    }

    static KernelFactory scatterNd() {
        return (node, cc) -> {
            Reduction r = reduction(new NodeAttributes(node).string("reduction", "none"));
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int[] is = in[1].shape();
                int k = is[is.length - 1];
                int tuples = Dims.product(is, 0, is.length - 1);
                int slice = Dims.product(s, k, s.length);
                int[] xs = Dims.strides(s);
                long[] idx = in[1].longs();
                double[] out = doubles(x);
                double[] upd = doubles(in[2]);
                for (int t = 0; t < tuples; t++) {
                    int off = 0;
                    for (int q = 0; q < k; q++) {
                        off += (int) wrap(idx[t * k + q], s[q], "ScatterND") * xs[q];
                    }
                    for (int e = 0; e < slice; e++) {
                        out[off + e] = r.apply(out[off + e], upd[t * slice + e]);
                    }
                }
                return new Value[] {back(x, out)};
            };
        };
    }

    private static double[] doubles(Value v) {
        double[] d = new double[v.size()];
        if (v.isFloat()) {
            float[] f = v.floats();
            for (int i = 0; i < d.length; i++) {
                d[i] = f[i];
            }
        } else {
            long[] l = v.longs();
            for (int i = 0; i < d.length; i++) {
                d[i] = l[i];
            }
        }
        return d;
    }

    private static Value back(Value like, double[] d) {
        if (like.isFloat()) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return Value.ofFloats(like.shape(), f);
        }
        long[] l = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = (long) d[i];
        }
        return Value.ofLongs(like.shape(), l);
    }
}
