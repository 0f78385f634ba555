package org.pot4j.engine.reference.ops;

import java.util.Optional;
import org.pot4j.engine.reference.gemm.PackedMatrix;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * ConvolutionBackpropData-1 and GroupConvolutionBackpropData-1 (transposed convolution) over 1-D and 2-D inputs:
 * per group {@code col = W^T x} by SGEMM, then col2im scatter-adds each tap into the output. Weights are
 * {@code [C_in, C_out, k...]} ({@code [G, C_in/G, C_out/G, k...]} grouped). The output size is
 * {@code stride*(in-1) + dilation*(k-1) + 1 - pads_begin - pads_end + output_padding}, or the optional third input
 * {@code output_shape} (spatial dims), in which case {@code same_upper/same_lower} place the padding and
 * {@code explicit} keeps {@code pads_begin}.
 */
final class ConvolutionBackpropDataKernel implements OpKernel {
    private final boolean grouped;
    private final long[] strides;
    private final long[] dilations;
    private final long[] padsBegin;
    private final long[] padsEnd;
    private final long[] outputPadding;
    private final String autoPad;
    private final Sgemm sgemm;
    private final Weights constWeights;

    private static final class Weights {
        int groups;
        int cing;
        int coutg;
        int kh;
        int kw;
        int rank;
        PackedMatrix[] packed;
    }

    private ConvolutionBackpropDataKernel(NodeAttributes a, CompileContext cc, boolean grouped) {
        this.grouped = grouped;
        strides = a.longs("strides", new long[] {1, 1});
        dilations = a.longs("dilations", new long[] {1, 1});
        padsBegin = a.longs("pads_begin", new long[] {0, 0});
        padsEnd = a.longs("pads_end", new long[] {0, 0});
        outputPadding = a.longs("output_padding", new long[0]);
        autoPad = a.string("auto_pad", "explicit");
        switch (autoPad) {
            case "explicit": case "notset": case "": case "valid": case "same_upper": case "same_lower": break;
            default: throw new IllegalArgumentException("unsupported auto_pad '" + autoPad + "'");
        }
        sgemm = cc.sgemm();
        Optional<Value> w = cc.constantInput(1);
        constWeights = w.isPresent() ? weights(w.get()) : null;
    }

    static KernelFactory factory(boolean grouped) {
        return (node, cc) -> new ConvolutionBackpropDataKernel(new NodeAttributes(node), cc, grouped);
    }

    private Weights weights(Value w) {
        int[] s = w.shape();
        int at = grouped ? 1 : 0;
        if (s.length - at != 3 && s.length - at != 4) {
            throw new IllegalArgumentException((grouped ? "GroupConvolutionBackpropData weights must be [G,Cin/G,Cout/G,(KH,)KW]"
                    : "ConvolutionBackpropData weights must be [Cin,Cout,(KH,)KW]") + ", got " + Dims.format(s));
        }
        Weights r = new Weights();
        r.groups = grouped ? s[0] : 1;
        r.cing = s[at];
        r.coutg = s[at + 1];
        r.rank = s.length - at;
        r.kh = r.rank == 4 ? s[at + 2] : 1;
        r.kw = s[s.length - 1];
        int m = r.coutg * r.kh * r.kw;
        float[] raw = w.floats();
        r.packed = new PackedMatrix[r.groups];
        for (int g = 0; g < r.groups; g++) {
            // the group's weights are row-major [Cin/G x (Cout/G*kh*kw)]: A is their transpose
            r.packed[g] = sgemm.packTransposed(raw, g * r.cing * m, m, r.cing, m);
        }
        return r;
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        Weights w = constWeights != null ? constWeights : weights(in[1]);
        int[] xs = x.shape();
        if (xs.length != w.rank) {
            throw new IllegalArgumentException("input " + Dims.format(xs) + " does not match weights for rank " + w.rank);
        }
        boolean oneD = xs.length == 3;
        int n = xs[0];
        int c = xs[1];
        if (c != w.groups * w.cing) {
            throw new IllegalArgumentException("input has " + c + " channels, weights expect " + w.groups * w.cing);
        }
        int h = oneD ? 1 : xs[2];
        int wd = xs[xs.length - 1];
        long[] outShape = in.length > 2 && in[2] != null ? in[2].longs() : null;
        int si = oneD ? 1 : 0;
        int[] gh = oneD ? new int[] {1, 0, 1, 1} : axis(h, w.kh, 0, outShape == null ? -1 : (int) outShape[0]);
        int[] gw = axis(wd, w.kw, 1 - si, outShape == null ? -1 : (int) outShape[outShape.length - 1]);
        int oh = gh[0];
        int ow = gw[0];
        int cout = w.groups * w.coutg;
        float[] out = ctx.zeros(n * cout * oh * ow);
        int m = w.coutg * w.kh * w.kw;
        int hw = h * wd;
        float[] col = ctx.floats(m * hw);
        float[] src = x.floats();
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < w.groups; g++) {
                sgemm.multiply(w.packed[g], src, (b * c + g * w.cing) * hw, hw, hw, col, 0, hw, ctx.parallel());
                int outBase = (b * cout + g * w.coutg) * oh * ow;
                ctx.parallel().forRange(w.coutg, 1, (from, to) -> {
                    for (int oc = from; oc < to; oc++) {
                        int plane = outBase + oc * oh * ow;
                        for (int ky = 0; ky < w.kh; ky++) {
                            for (int kx = 0; kx < w.kw; kx++) {
                                int row = ((oc * w.kh + ky) * w.kw + kx) * hw;
                                for (int iy = 0; iy < h; iy++) {
                                    int oy = iy * gh[2] + ky * gh[3] - gh[1];
                                    if (oy < 0 || oy >= oh) {
                                        continue;
                                    }
                                    for (int ix = 0; ix < wd; ix++) {
                                        int ox = ix * gw[2] + kx * gw[3] - gw[1];
                                        if (ox >= 0 && ox < ow) {
                                            out[plane + oy * ow + ox] += col[row + iy * wd + ix];
                                        }
                                    }
                                }
                            }
                        }
                    }
                });
            }
        }
        ctx.release(col);
        int[] os = oneD ? new int[] {n, cout, ow} : new int[] {n, cout, oh, ow};
        return new Value[] {Value.ofFloats(os, out)};
    }

    /** {output size, pad begin, stride, dilation} of spatial axis {@code i}. */
    private int[] axis(int in, int k, int i, int requested) {
        int stride = SpatialGeometry.get(strides, i, 1);
        int dilation = SpatialGeometry.get(dilations, i, 1);
        int outPad = SpatialGeometry.get(outputPadding, i, 0);
        int full = stride * (in - 1) + dilation * (k - 1) + 1;
        int pb;
        int out;
        boolean same = autoPad.equals("same_upper") || autoPad.equals("same_lower");
        if (autoPad.equals("valid")) {
            pb = 0;
            out = requested > 0 ? requested : full + outPad;
        } else if (same) {
            out = requested > 0 ? requested : in * stride;
            int total = Math.max(0, full + outPad - out);
            pb = autoPad.equals("same_upper") ? total / 2 : total - total / 2;
        } else {
            pb = SpatialGeometry.get(padsBegin, i, 0);
            out = requested > 0 ? requested : full - pb - SpatialGeometry.get(padsEnd, i, 0) + outPad;
        }
        if (out < 1) {
            throw new IllegalArgumentException("output size " + out + " on spatial axis " + i);
        }
        return new int[] {out, pb, stride, dilation};
    }
}
