package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Ops along one axis, viewed as {@code [outer, n, inner]}: ONNX's ArgMax/ArgMin ({@code axis}, {@code keepdims},
 * {@code select_last_index}) and Hardmax ({@code axis}, first maximum wins), which OpenVINO spells with TopK/OneHot,
 * and OpenVINO's CumSum-3 (axis input, {@code exclusive}, {@code reverse}).
 */
final class AxisKernels {
    private AxisKernels() {
    }

    static KernelFactory argExtremum(boolean max) {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            long axisAttr = a.longValue("axis", 0);
            boolean keep = a.longValue("keepdims", 1) != 0;
            boolean last = a.longValue("select_last_index", 0) != 0;
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int axis = Dims.axis(axisAttr, s.length);
                int outer = Dims.product(s, 0, axis);
                int n = s[axis];
                int inner = Dims.product(s, axis + 1, s.length);
                float[] v = x.floats();
                long[] out = new long[outer * inner];
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        int base = o * n * inner + i;
                        int best = 0;
                        for (int j = 1; j < n; j++) {
                            float c = v[base + j * inner];
                            float b = v[base + best * inner];
                            if (max ? c > b || last && c == b : c < b || last && c == b) {
                                best = j;
                            }
                        }
                        out[o * inner + i] = best;
                    }
                }
                int[] os;
                if (keep) {
                    os = s.clone();
                    os[axis] = 1;
                } else {
                    os = new int[s.length - 1];
                    for (int d = 0, k = 0; d < s.length; d++) {
                        if (d != axis) {
                            os[k++] = s[d];
                        }
                    }
                }
                return new Value[] {Value.ofLongs(os, out)};
            };
        };
    }

    static KernelFactory hardmax() {
        return (node, cc) -> {
            long axisAttr = new NodeAttributes(node).longValue("axis", -1);
            return (in, ctx) -> {
                int[] s = in[0].shape();
                int axis = Dims.axis(axisAttr, s.length);
                int n = s[axis];
                int inner = Dims.product(s, axis + 1, s.length);
                int outer = Dims.product(s, 0, axis);
                float[] v = in[0].floats();
                float[] out = new float[v.length];
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        int base = o * n * inner + i;
                        int best = 0;
                        for (int j = 1; j < n; j++) {
                            if (v[base + j * inner] > v[base + best * inner]) {
                                best = j;
                            }
                        }
                        if (n > 0) {
                            out[base + best * inner] = 1f;
                        }
                    }
                }
                return new Value[] {Value.ofFloats(s, out)};
            };
        };
    }

    static KernelFactory cumSum() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            boolean exclusive = a.bool("exclusive", false);
            boolean reverse = a.bool("reverse", false);
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int axis = in.length > 1 && in[1] != null ? Dims.axis(in[1].longs()[0], s.length) : 0;
                int n = s[axis];
                int inner = Dims.product(s, axis + 1, s.length);
                int outer = Dims.product(s, 0, axis);
                boolean floats = x.isFloat();
                float[] f = floats ? x.floats() : null;
                long[] l = floats ? null : x.longs();
                float[] fo = floats ? new float[f.length] : null;
                long[] lo = floats ? null : new long[l.length];
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        double fs = 0;
                        long ls = 0;
                        for (int t = 0; t < n; t++) {
                            int j = reverse ? n - 1 - t : t;
                            int at = (o * n + j) * inner + i;
                            if (floats) {
                                if (exclusive) {
                                    fo[at] = (float) fs;
                                    fs += f[at];
                                } else {
                                    fs += f[at];
                                    fo[at] = (float) fs;
                                }
                            } else if (exclusive) {
                                lo[at] = ls;
                                ls += l[at];
                            } else {
                                ls += l[at];
                                lo[at] = ls;
                            }
                        }
                    }
                }
                return new Value[] {floats ? Value.ofFloats(s, fo) : Value.ofLongs(s, lo)};
            };
        };
    }
}
