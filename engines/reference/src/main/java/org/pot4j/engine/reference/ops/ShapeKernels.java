package org.pot4j.engine.reference.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/** Ops that only change shapes (views without copying) or cut and join along an axis: Reshape, Squeeze,
 * Unsqueeze, ShapeOf, Concat, Split, VariadicSplit. */
final class ShapeKernels {
    private ShapeKernels() {
    }

    /**
     * Reshape-1: {@code special_zero} copies input dims where the target has 0; one -1 is inferred. A target whose
     * leading 1 is a batch baked into the model while a larger batch is fed takes the fed batch (the plan re-infers
     * shapes per input shape, as OpenVINO's reshape to a new batch does).
     */
    static KernelFactory reshape() {
        return (node, cc) -> {
            boolean specialZero = new NodeAttributes(node).bool("special_zero", false);
            return (in, ctx) -> {
                int[] target = reshapeTarget(in[0].shape(), in[1].longs(), specialZero);
                return new Value[] {in[0].reshape(target)};
            };
        };
    }

    static int[] reshapeTarget(int[] src, long[] spec, boolean specialZero) {
        int count = Dims.count(src);
        long[] t = spec.clone();
        int minus = -1;
        long known = 1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == 0 && specialZero) {
                if (i >= src.length) {
                    throw new IllegalArgumentException("special_zero at axis " + i + " but the input " + Dims.format(src)
                            + " has rank " + src.length);
                }
                t[i] = src[i];
            }
            if (t[i] == -1) {
                if (minus >= 0) {
                    throw new IllegalArgumentException("target shape " + Arrays.toString(spec) + " has two -1");
                }
                minus = i;
            } else if (t[i] < 0) {
                throw new IllegalArgumentException("invalid target dimension " + t[i] + " in " + Arrays.toString(spec));
            } else {
                known *= t[i];
            }
        }
        if (minus >= 0) {
            if (known == 0 || count % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + Dims.format(src) + " to " + Arrays.toString(spec));
            }
            t[minus] = count / known;
            known *= t[minus];
        }
        if (known != count && t.length > 0 && t[0] == 1 && src.length > 0 && src[0] > 1 && known * src[0] == count) {
            t[0] = src[0];
            known = count;
        }
        if (known != count) {
            throw new IllegalArgumentException("cannot reshape " + Dims.format(src) + " (" + count + " elements) to "
                    + Arrays.toString(spec));
        }
        return Dims.toInts(t);
    }

    static KernelFactory squeeze() {
        return (node, cc) -> (in, ctx) -> {
            int[] s = in[0].shape();
            boolean[] drop = new boolean[s.length];
            if (in.length > 1 && in[1] != null) {
                for (long a : in[1].longs()) {
                    int ax = Dims.axis(a, s.length);
                    if (s[ax] != 1) {
                        throw new IllegalArgumentException("cannot squeeze axis " + a + " of size " + s[ax] + " in "
                                + Dims.format(s));
                    }
                    drop[ax] = true;
                }
            } else {
                for (int i = 0; i < s.length; i++) {
                    drop[i] = s[i] == 1;
                }
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                if (!drop[i]) {
                    out.add(s[i]);
                }
            }
            return new Value[] {in[0].reshape(out.stream().mapToInt(Integer::intValue).toArray())};
        };
    }

    static KernelFactory unsqueeze() {
        return (node, cc) -> (in, ctx) -> {
            int[] s = in[0].shape();
            long[] axes = in[1].longs();
            int rank = s.length + axes.length;
            boolean[] inserted = new boolean[rank];
            for (long a : axes) {
                int ax = Dims.axis(a, rank);
                if (inserted[ax]) {
                    throw new IllegalArgumentException("axis " + a + " given twice");
                }
                inserted[ax] = true;
            }
            int[] out = new int[rank];
            int j = 0;
            for (int i = 0; i < rank; i++) {
                out[i] = inserted[i] ? 1 : s[j++];
            }
            return new Value[] {in[0].reshape(out)};
        };
    }

    static KernelFactory shapeOf() {
        return (node, cc) -> (in, ctx) -> {
            int[] s = in[0].shape();
            return new Value[] {Value.ofLongs(new int[] {s.length}, Dims.toLongs(s))};
        };
    }

    /** Flatten (ONNX-style, when a format maps it): [d0..d(axis-1)] and the rest. */
    static KernelFactory flatten() {
        return (node, cc) -> {
            long axis = new NodeAttributes(node).longValue("axis", 1);
            return (in, ctx) -> {
                int[] s = in[0].shape();
                int a = axis < 0 ? (int) (axis + s.length) : (int) axis;
                return new Value[] {in[0].reshape(new int[] {Dims.product(s, 0, a), Dims.product(s, a, s.length)})};
            };
        };
    }

    static KernelFactory concat() {
        return (node, cc) -> {
            long axisAttr = new NodeAttributes(node).longValue("axis", 0);
            return (in, ctx) -> {
                List<Value> parts = new ArrayList<>();
                boolean anyFloat = false;
                for (Value v : in) {
                    if (v != null) {
                        parts.add(v);
                        anyFloat |= v.isFloat();
                    }
                }
                Value first = parts.get(0);
                int rank = first.rank();
                int axis = Dims.axis(axisAttr, rank);
                int[] out = first.shape().clone();
                out[axis] = 0;
                for (Value v : parts) {
                    if (v.rank() != rank) {
                        throw new IllegalArgumentException("inputs of ranks " + rank + " and " + v.rank());
                    }
                    for (int d = 0; d < rank; d++) {
                        if (d != axis && v.dim(d) != first.dim(d)) {
                            throw new IllegalArgumentException("input shapes " + Dims.format(first.shape()) + " and "
                                    + Dims.format(v.shape()) + " differ outside axis " + axis);
                        }
                    }
                    out[axis] += v.dim(axis);
                }
                int outer = Dims.product(out, 0, axis);
                int inner = Dims.product(out, axis + 1, rank);
                int total = Dims.count(out);
                Object dst = anyFloat ? ctx.floats(total) : new long[total];
                int rowLen = out[axis] * inner;
                int offset = 0;
                for (Value v : parts) {
                    Object src = anyFloat ? v.floats() : v.longs();
                    int chunk = v.dim(axis) * inner;
                    for (int o = 0; o < outer; o++) {
                        System.arraycopy(src, o * chunk, dst, o * rowLen + offset, chunk);
                    }
                    offset += chunk;
                }
                return new Value[] {anyFloat ? Value.ofFloats(out, (float[]) dst) : Value.ofLongs(out, (long[]) dst)};
            };
        };
    }

    static KernelFactory split() {
        return (node, cc) -> {
            long numSplits = new NodeAttributes(node).longValue("num_splits", node.outputs().size());
            return (in, ctx) -> {
                int axis = Dims.axis(in[1].longs()[0], in[0].rank());
                int d = in[0].dim(axis);
                if (numSplits <= 0 || d % numSplits != 0) {
                    throw new IllegalArgumentException("axis " + axis + " of size " + d + " cannot be split in " + numSplits);
                }
                int[] lengths = new int[(int) numSplits];
                Arrays.fill(lengths, (int) (d / numSplits));
                return cut(in[0], axis, lengths);
            };
        };
    }

    static KernelFactory variadicSplit() {
        return (node, cc) -> (in, ctx) -> {
            int axis = Dims.axis(in[1].longs()[0], in[0].rank());
            long[] spec = in[2].longs();
            int d = in[0].dim(axis);
            int[] lengths = new int[spec.length];
            int known = 0;
            int minus = -1;
            for (int i = 0; i < spec.length; i++) {
                if (spec[i] == -1) {
                    minus = i;
                } else {
                    lengths[i] = (int) spec[i];
                    known += lengths[i];
                }
            }
            if (minus >= 0) {
                lengths[minus] = d - known;
                known = d;
            }
            if (known != d) {
                throw new IllegalArgumentException("split_lengths " + Arrays.toString(spec) + " do not add up to " + d);
            }
            return cut(in[0], axis, lengths);
        };
    }

    private static Value[] cut(Value x, int axis, int[] lengths) {
        int[] s = x.shape();
        int outer = Dims.product(s, 0, axis);
        int inner = Dims.product(s, axis + 1, s.length);
        Object src = x.array();
        Value[] out = new Value[lengths.length];
        int offset = 0;
        for (int i = 0; i < lengths.length; i++) {
            int[] os = s.clone();
            os[axis] = lengths[i];
            int chunk = lengths[i] * inner;
            Object dst = x.newArray(outer * chunk);
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * s[axis] * inner + offset, dst, o * chunk, chunk);
            }
            out[i] = x.withData(os, dst);
            offset += chunk;
        }
        return out;
    }
}
