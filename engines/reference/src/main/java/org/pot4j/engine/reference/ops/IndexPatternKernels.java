package org.pot4j.engine.reference.ops;

import org.pot4j.api.tensor.ElementType;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Ops whose output follows from element positions: OpenVINO's Range-4 and OneHot-1, and ONNX's Trilu ({@code upper},
 * optional {@code k} input) and EyeLike ({@code k}; the output type in the view's {@code element_type}).
 */
final class IndexPatternKernels {
    private IndexPatternKernels() {
    }

    /** Range-4: {@code start + i * step} for {@code i < max(ceil((stop - start) / step), 0)}; integers when all are. */
    static KernelFactory range() {
        return (node, cc) -> (in, ctx) -> {
            if (!in[0].isFloat() && !in[1].isFloat() && !in[2].isFloat()) {
                long start = in[0].longs()[0];
                long stop = in[1].longs()[0];
                long step = in[2].longs()[0];
                if (step == 0) {
                    throw new IllegalArgumentException("Range step is 0");
                }
                int n = (int) Math.max(0, Math.ceil((double) (stop - start) / step));
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = start + i * step;
                }
                return new Value[] {Value.ofLongs(new int[] {n}, out)};
            }
            float start = in[0].floats()[0];
            float stop = in[1].floats()[0];
            float step = in[2].floats()[0];
            if (step == 0) {
                throw new IllegalArgumentException("Range step is 0");
            }
            int n = (int) Math.max(0, Math.ceil((stop - start) / step));
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = start + i * step;
            }
            return new Value[] {Value.ofFloats(new int[] {n}, out)};
        };
    }

    /** Trilu: keeps the elements on and above (upper) or below the {@code k}-th diagonal of the last two axes. */
    static KernelFactory trilu() {
        return (node, cc) -> {
            boolean upper = new NodeAttributes(node).longValue("upper", 1) != 0;
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                long k = in.length > 1 && in[1] != null ? in[1].longs()[0] : 0;
                int rows = s[s.length - 2];
                int cols = s[s.length - 1];
                Object src = x.array();
                Object dst = x.newArray(x.size());
                for (int m = 0; m < x.size() / Math.max(1, rows * cols); m++) {
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            boolean keep = upper ? c - r >= k : c - r <= k;
                            int at = (m * rows + r) * cols + c;
                            if (keep) {
                                System.arraycopy(src, at, dst, at, 1);
                            }
                        }
                    }
                }
                return new Value[] {x.withData(s, dst)};
            };
        };
    }

    static KernelFactory eyeLike() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            long k = a.longValue("k", 0);
            String type = a.string("element_type", "f32");
            boolean floating = ElementType.fromName(type).isFloatingPoint();
            return (in, ctx) -> {
                int[] s = in[0].shape();
                if (s.length != 2) {
                    throw new IllegalArgumentException("EyeLike needs a 2-D input, got " + Dims.format(s));
                }
                float[] f = new float[s[0] * s[1]];
                for (int r = 0; r < s[0]; r++) {
                    long c = r + k;
                    if (c >= 0 && c < s[1]) {
                        f[r * s[1] + (int) c] = 1f;
                    }
                }
                Value v = Value.ofFloats(s, f);
                return new Value[] {floating ? v : Value.ofLongs(s, v.longs())};
            };
        };
    }

    /**
     * OneHot-1: indices, depth, on value, off value; the new axis at {@code axis}. Indices outside {@code [0, depth)}
     * give the off value, negative ones too unless the node says {@code negative_indices_wrap: true} (ONNX's OneHot-11
     * counts them from the end; not an OpenVINO attribute, set by the ONNX view).
     */
    static KernelFactory oneHot() {
        return (node, cc) -> {
            long axisAttr = new NodeAttributes(node).longValue("axis", -1);
            boolean wrap = new NodeAttributes(node).bool("negative_indices_wrap", false);
            return (in, ctx) -> {
                Value idx = in[0];
                long depth = (long) in[1].floats()[0];
                int[] s = idx.shape();
                int axis = Dims.axis(axisAttr, s.length + 1);
                int[] os = new int[s.length + 1];
                for (int d = 0, j = 0; d < os.length; d++) {
                    os[d] = d == axis ? (int) depth : s[j++];
                }
                int outer = Dims.product(s, 0, axis);
                int inner = Dims.product(s, axis, s.length);
                long[] ix = idx.longs();
                Value on = in[2];
                Value off = in[3];
                boolean floats = on.isFloat();
                int n = Dims.count(os);
                float[] f = floats ? new float[n] : null;
                long[] l = floats ? null : new long[n];
                if (floats) {
                    java.util.Arrays.fill(f, off.floats()[0]);
                } else {
                    java.util.Arrays.fill(l, off.longs()[0]);
                }
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        long v = ix[o * inner + i];
                        if (v < 0 && wrap) {
                            v += depth;
                        }
                        if (v < 0 || v >= depth) {
                            continue;
                        }
                        int at = (int) ((o * depth + v) * inner + i);
                        if (floats) {
                            f[at] = on.floats()[0];
                        } else {
                            l[at] = on.longs()[0];
                        }
                    }
                }
                return new Value[] {floats ? Value.ofFloats(os, f) : Value.ofLongs(os, l)};
            };
        };
    }
}
