package org.pot4j.engine.reference.ops;

import java.util.Arrays;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * ReduceMean/Sum/Max/Min/Prod/L1/L2-1 (and ONNX's ReduceSumSquare, ReduceLogSum, ReduceLogSumExp, which OpenVINO
 * lacks) over the axes of input 1, with {@code keep_dims}. Empty axes reduce nothing, as in
 * OpenVINO, unless the node says {@code noop_with_empty_axes: false} (the ONNX view, for axes known only at run time):
 * then they reduce every axis, as ONNX does.
 */
final class ReduceKernel implements OpKernel {
    enum Kind { MEAN, SUM, MAX, MIN, PROD, L1, L2, SUM_SQUARE, LOG_SUM, LOG_SUM_EXP }

    private final Kind kind;
    private final boolean keepDims;
    private final boolean emptyReducesAll;

    private ReduceKernel(Kind kind, boolean keepDims, boolean emptyReducesAll) {
        this.kind = kind;
        this.keepDims = keepDims;
        this.emptyReducesAll = emptyReducesAll;
    }

    static KernelFactory factory(Kind kind) {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            return new ReduceKernel(kind, a.bool("keep_dims", false), !a.bool("noop_with_empty_axes", true));
        };
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        int[] s = x.shape();
        boolean[] reduced = new boolean[s.length];
        long[] axes = in[1].longs();
        for (long a : axes) {
            reduced[Dims.axis(a, s.length)] = true;
        }
        if (axes.length == 0 && emptyReducesAll) {
            Arrays.fill(reduced, true);
        }
        int[] keep = new int[s.length];
        int kept = 0;
        for (int d = 0; d < s.length; d++) {
            keep[d] = reduced[d] ? 1 : s[d];
            if (!reduced[d]) {
                kept++;
            }
        }
        int[] os;
        if (keepDims) {
            os = keep;
        } else {
            os = new int[kept];
            int j = 0;
            for (int d = 0; d < s.length; d++) {
                if (!reduced[d]) {
                    os[j++] = s[d];
                }
            }
        }
        float[] src = x.floats();
        int outCount = Dims.count(keep);
        float init = kind == Kind.MAX ? Float.NEGATIVE_INFINITY : kind == Kind.MIN ? Float.POSITIVE_INFINITY
                : kind == Kind.PROD ? 1f : 0f;
        double[] acc = new double[outCount];
        Arrays.fill(acc, init);
        int[] outStrides = Dims.strides(keep);
        int rank = s.length;
        // contiguous block of reduced axes: [outer, reduce, inner] loops; otherwise index arithmetic per element
        int first = -1;
        int last = -1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                if (first < 0) {
                    first = d;
                }
                last = d;
            }
        }
        boolean contiguous = first >= 0;
        for (int d = first; contiguous && d <= last; d++) {
            contiguous = reduced[d];
        }
        if (contiguous) {
            int outer = Dims.product(s, 0, first);
            int red = Dims.product(s, first, last + 1);
            int inner = Dims.product(s, last + 1, rank);
            if (inner == 1) {
                // global pooling shape ([N, C, H, W] over H, W): one tight loop per output, the kind decided once
                for (int o = 0; o < outer; o++) {
                    acc[o] = reduceRun(src, o * red, red, init);
                }
            }
            for (int o = 0; inner > 1 && o < outer; o++) {
                for (int r = 0; r < red; r++) {
                    int base = (o * red + r) * inner;
                    for (int i = 0; i < inner; i++) {
                        acc[o * inner + i] = combine(acc[o * inner + i], src[base + i]);
                    }
                }
            }
        } else if (first >= 0) {
            int[] idx = new int[rank];
            for (int e = 0; e < src.length; e++) {
                int rem = e;
                int o = 0;
                for (int d = rank - 1; d >= 0; d--) {
                    idx[d] = rem % s[d];
                    rem /= s[d];
                    if (!reduced[d]) {
                        o += idx[d] * outStrides[d];
                    }
                }
                acc[o] = combine(acc[o], src[e]);
            }
        } else {
            for (int e = 0; e < src.length; e++) {
                acc[e] = combine(init, src[e]);
            }
        }
        float[] out = new float[outCount];
        int count = outCount == 0 ? 1 : Math.max(1, src.length / Math.max(1, outCount));
        for (int i = 0; i < outCount; i++) {
            out[i] = (float) finish(acc[i], count);
        }
        return new Value[] {Value.ofFloats(os, out)};
    }

    /** {@code combine} over {@code src[from, from + n)}, in the same order (so the same double result). */
    private double reduceRun(float[] src, int from, int n, double init) {
        double a = init;
        switch (kind) {
            case MAX:
                for (int i = from; i < from + n; i++) {
                    a = Math.max(a, src[i]);
                }
                return a;
            case MIN:
                for (int i = from; i < from + n; i++) {
                    a = Math.min(a, src[i]);
                }
                return a;
            case PROD:
                for (int i = from; i < from + n; i++) {
                    a *= src[i];
                }
                return a;
            case SUM:
            case MEAN:
                for (int i = from; i < from + n; i++) {
                    a += src[i];
                }
                return a;
            default:
                for (int i = from; i < from + n; i++) {
                    a = combine(a, src[i]);
                }
                return a;
        }
    }

    private double finish(double a, int count) {
        switch (kind) {
            case MEAN: return a / count;
            case L2: return Math.sqrt(a);
            case LOG_SUM:
            case LOG_SUM_EXP: return Math.log(a);
            default: return a;
        }
    }

    private double combine(double a, float v) {
        switch (kind) {
            case MAX: return Math.max(a, v);
            case MIN: return Math.min(a, v);
            case PROD: return a * v;
            case L1: return a + Math.abs(v);
            case L2:
            case SUM_SQUARE: return a + (double) v * v;
            case LOG_SUM_EXP: return a + Math.exp(v);
            default: return a + v;
        }
    }
}
