package org.pot4j.engine.reference.ops;

import java.util.Arrays;
import org.pot4j.engine.reference.runtime.Broadcasting;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Broadcast-3 (data, target_shape, axes_mapping): {@code numpy} (the output has the target shape),
 * {@code bidirectional} (the numpy broadcast of both shapes) and {@code explicit} (data axis {@code i} goes to output
 * axis {@code axes_mapping[i]}). Floats and integers alike (ONNX's ConstantOfShape and Expand arrive as Broadcast).
 */
final class BroadcastKernel implements OpKernel {
    private final String mode;

    private BroadcastKernel(String mode) {
        switch (mode) {
            case "numpy": case "bidirectional": case "explicit": break;
            default: throw new IllegalArgumentException("unsupported Broadcast mode '" + mode + "'");
        }
        this.mode = mode;
    }

    static KernelFactory factory() {
        return (node, cc) -> new BroadcastKernel(new NodeAttributes(node).string("mode", "numpy"));
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        int[] target = Dims.toInts(in[1].longs());
        int[] xs = x.shape();
        int[] aligned;
        int[] os;
        if (mode.equals("explicit")) {
            if (in.length < 3 || in[2] == null) {
                throw new IllegalArgumentException("explicit Broadcast needs the axes_mapping input");
            }
            long[] mapping = in[2].longs();
            if (mapping.length != xs.length) {
                throw new IllegalArgumentException("axes_mapping has " + mapping.length + " axes, data has rank " + xs.length);
            }
            os = target;
            aligned = new int[target.length];
            Arrays.fill(aligned, 1);
            for (int i = 0; i < xs.length; i++) {
                int axis = Dims.axis(mapping[i], target.length);
                if (xs[i] != 1 && xs[i] != target[axis]) {
                    throw new IllegalArgumentException("data axis " + i + " of size " + xs[i] + " cannot map to output axis "
                            + axis + " of size " + target[axis]);
                }
                aligned[axis] = xs[i];
            }
        } else {
            int[] b = Broadcasting.shape(xs, target);
            if (mode.equals("numpy") && !Arrays.equals(b, target)) {
                throw new IllegalArgumentException("data " + Dims.format(xs) + " does not broadcast to the target shape "
                        + Dims.format(target));
            }
            os = b;
            aligned = new int[os.length];
            Arrays.fill(aligned, 1);
            System.arraycopy(xs, 0, aligned, os.length - xs.length, xs.length);
        }
        return new Value[] {expand(x, aligned, os)};
    }

    /** {@code x} (seen with shape {@code aligned}, of the same rank as {@code os}) repeated to {@code os}. */
    static Value expand(Value x, int[] aligned, int[] os) {
        int n = Dims.count(os);
        int rank = os.length;
        int[] srcStrides = Dims.strides(aligned);
        for (int d = 0; d < rank; d++) {
            if (aligned[d] == 1) {
                srcStrides[d] = 0;
            }
        }
        int[] index = new int[n];
        int[] pos = new int[rank];
        for (int i = 0; i < n; i++) {
            int off = 0;
            for (int d = 0; d < rank; d++) {
                off += pos[d] * srcStrides[d];
            }
            index[i] = off;
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < os[d]) {
                    break;
                }
                pos[d] = 0;
            }
        }
        if (x.isFloat()) {
            float[] src = x.floats();
            float[] out = new float[n];
            for (int i = 0; i < n; i++) {
                out[i] = src[index[i]];
            }
            return Value.ofFloats(os, out);
        }
        long[] src = x.longs();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = src[index[i]];
        }
        return Value.ofLongs(os, out);
    }
}
