package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Pad-1: {@code constant}, {@code edge}, {@code reflect} and {@code symmetric} modes, and ONNX Pad-19's {@code wrap}
 * (the input repeated periodically; not an OpenVINO mode); negative pads crop.
 */
final class PadKernel implements OpKernel {
    private final String mode;

    private PadKernel(String mode) {
        this.mode = mode;
        switch (mode) {
            case "constant": case "edge": case "reflect": case "symmetric": case "wrap": break;
            default: throw new IllegalArgumentException("unsupported pad_mode '" + mode + "'");
        }
    }

    /** Zero padding, for ops with pads attributes of their own (Interpolate). */
    static Value zeroPad(Value x, long[] pb, long[] pe, ExecContext ctx) {
        return new PadKernel("constant").run(new Value[] {x, Value.ofLongs(new int[] {pb.length}, pb),
                Value.ofLongs(new int[] {pe.length}, pe)}, ctx)[0];
    }

    static KernelFactory factory() {
        return (node, cc) -> new PadKernel(new NodeAttributes(node).string("pad_mode", "constant"));
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        int[] s = x.shape();
        long[] pb = in[1].longs();
        long[] pe = in[2].longs();
        float padValue = in.length > 3 && in[3] != null ? in[3].floats()[0] : 0f;
        int rank = s.length;
        int[] os = new int[rank];
        for (int d = 0; d < rank; d++) {
            os[d] = (int) (s[d] + (d < pb.length ? pb[d] : 0) + (d < pe.length ? pe[d] : 0));
            if (os[d] < 0) {
                throw new IllegalArgumentException("pads make axis " + d + " negative");
            }
        }
        int total = Dims.count(os);
        int[] srcStrides = Dims.strides(s);
        float[] src = x.floats();
        float[] out = new float[total];
        int[] idx = new int[rank];
        for (int o = 0; o < total; o++) {
            int rem = o;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rem % os[d];
                rem /= os[d];
            }
            int off = 0;
            boolean outside = false;
            for (int d = 0; d < rank && !outside; d++) {
                int i = idx[d] - (int) (d < pb.length ? pb[d] : 0);
                int n = s[d];
                if (i < 0 || i >= n) {
                    switch (mode) {
                        case "constant":
                            outside = true;
                            break;
                        case "edge":
                            i = i < 0 ? 0 : n - 1;
                            break;
                        case "reflect":
                            i = reflect(i, n, false);
                            break;
                        case "wrap":
                            i = Math.floorMod(i, n);
                            break;
                        default:
                            i = reflect(i, n, true);
                            break;
                    }
                }
                off += i * srcStrides[d];
            }
            out[o] = outside ? padValue : src[off];
        }
        return new Value[] {x.isFloat() ? Value.ofFloats(os, out) : toLongs(os, out)};
    }

    private static Value toLongs(int[] shape, float[] f) {
        long[] l = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            l[i] = (long) f[i];
        }
        return Value.ofLongs(shape, l);
    }

    private static int reflect(int i, int n, boolean symmetric) {
        if (n == 1) {
            return 0;
        }
        int period = symmetric ? 2 * n : 2 * (n - 1);
        int m = Math.floorMod(i, period);
        if (symmetric) {
            return m < n ? m : period - 1 - m;
        }
        return m < n ? m : period - m;
    }
}
