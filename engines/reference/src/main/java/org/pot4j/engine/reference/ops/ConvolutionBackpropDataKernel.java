package org.pot4j.engine.reference.ops;

import java.util.Optional;
import org.pot4j.engine.reference.gemm.PackedMatrix;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * ConvolutionBackpropData-1 and GroupConvolutionBackpropData-1 (transposed convolution) over 1-D, 2-D and 3-D inputs:
 * per group {@code col = W^T x} by SGEMM, then col2im scatter-adds each tap into the output. Weights are
 * {@code [C_in, C_out, k...]} ({@code [G, C_in/G, C_out/G, k...]} grouped, or ONNX's {@code [C_in, C_out/G, k...]}
 * when the node has a {@code group} attribute - the same memory layout). The output size is
 * {@code stride*(in-1) + dilation*(k-1) + 1 - pads_begin - pads_end + output_padding}, or the optional third input
 * {@code output_shape} (spatial dims), in which case {@code same_upper/same_lower} place the padding and
 * {@code explicit} keeps {@code pads_begin}.
 */
final class ConvolutionBackpropDataKernel implements OpKernel {
    private final boolean grouped;
    /** ONNX's group count when the weights stay {@code [C_in, C_out/group, k...]} (the ONNX view's ConvTranspose). */
    private final long onnxGroups;
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
        /** Kernel sizes as {depth, height, width}; 1 on axes the op does not have. */
        int[] k;
        /** The rank of the data the weights fit: 2 + spatial axes. */
        int rank;
        PackedMatrix[] packed;
    }

    private ConvolutionBackpropDataKernel(NodeAttributes a, CompileContext cc, boolean grouped) {
        this.grouped = grouped;
        onnxGroups = grouped ? a.longValue("group", 0) : 0;
        strides = a.longs("strides", new long[0]);
        dilations = a.longs("dilations", new long[0]);
        padsBegin = a.longs("pads_begin", new long[0]);
        padsEnd = a.longs("pads_end", new long[0]);
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
        boolean onnxShaped = onnxGroups > 0;
        int at = grouped && !onnxShaped ? 1 : 0;
        int spatial = s.length - at - 2;
        if (spatial < 1 || spatial > 3) {
            throw new IllegalArgumentException((onnxShaped ? "GroupConvolutionBackpropData weights with group="
                    + onnxGroups + " must be [Cin,Cout/group,k...]" : grouped
                    ? "GroupConvolutionBackpropData weights must be [G,Cin/G,Cout/G,k...]"
                    : "ConvolutionBackpropData weights must be [Cin,Cout,k...]") + " with 1 to 3 spatial axes, got "
                    + Dims.format(s));
        }
        Weights r = new Weights();
        if (onnxShaped) {
            if (s[0] % onnxGroups != 0) {
                throw new IllegalArgumentException("GroupConvolutionBackpropData weights " + Dims.format(s) + ": "
                        + s[0] + " input channels are not divisible by group=" + onnxGroups);
            }
            r.groups = (int) onnxGroups;
            r.cing = s[0] / r.groups;
        } else {
            r.groups = grouped ? s[0] : 1;
            r.cing = s[at];
        }
        r.coutg = s[at + 1];
        r.rank = spatial + 2;
        r.k = new int[] {1, 1, 1};
        for (int i = 0; i < spatial; i++) {
            r.k[3 - spatial + i] = s[at + 2 + i];
        }
        int m = r.coutg * r.k[0] * r.k[1] * r.k[2];
        float[] raw = w.floats();
        r.packed = new PackedMatrix[r.groups];
        for (int g = 0; g < r.groups; g++) {
            // the group's weights are row-major [Cin/G x (Cout/G*k...)]: A is their transpose
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
        int spatial = xs.length - 2;
        int n = xs[0];
        int c = xs[1];
        if (c != w.groups * w.cing) {
            throw new IllegalArgumentException("input has " + c + " channels, weights expect " + w.groups * w.cing);
        }
        long[] outShape = in.length > 2 && in[2] != null ? in[2].longs() : null;
        if (outShape != null && outShape.length != spatial) {
            throw new IllegalArgumentException("output_shape " + java.util.Arrays.toString(outShape) + " does not fit "
                    + spatial + " spatial axes");
        }
        // {depth, height, width}: axes the op does not have are size 1 with unit stride and no padding
        int[] is = {1, 1, 1};
        int[][] geo = new int[3][];
        for (int j = 0; j < 3; j++) {
            int axis = j - (3 - spatial);
            if (axis < 0) {
                geo[j] = new int[] {1, 0, 1, 1};
            } else {
                is[j] = xs[2 + axis];
                geo[j] = axis(is[j], w.k[j], axis, outShape == null ? -1 : (int) outShape[axis]);
            }
        }
        int od = geo[0][0];
        int oh = geo[1][0];
        int ow = geo[2][0];
        int cout = w.groups * w.coutg;
        int ovol = od * oh * ow;
        float[] out = ctx.zeros(n * cout * ovol);
        int m = w.coutg * w.k[0] * w.k[1] * w.k[2];
        int ivol = is[0] * is[1] * is[2];
        float[] col = ctx.floats(m * ivol);
        float[] src = x.floats();
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < w.groups; g++) {
                sgemm.multiply(w.packed[g], src, (b * c + g * w.cing) * ivol, ivol, ivol, col, 0, ivol, ctx.parallel());
                int outBase = (b * cout + g * w.coutg) * ovol;
                ctx.parallel().forRange(w.coutg, 1, (from, to) -> {
                    for (int oc = from; oc < to; oc++) {
                        scatter(col, oc, w.k, is, geo, out, outBase + oc * ovol, oh, ow);
                    }
                });
            }
        }
        ctx.release(col);
        int[] os = new int[2 + spatial];
        os[0] = n;
        os[1] = cout;
        for (int i = 0; i < spatial; i++) {
            os[2 + i] = geo[3 - spatial + i][0];
        }
        return new Value[] {Value.ofFloats(os, out)};
    }

    /** col2im of one output channel: adds every tap's row of {@code col} into its output plane. */
    private static void scatter(float[] col, int oc, int[] k, int[] is, int[][] geo, float[] out, int plane,
                                int oh, int ow) {
        int ivol = is[0] * is[1] * is[2];
        int[] gd = geo[0];
        int[] gh = geo[1];
        int[] gw = geo[2];
        int od = gd[0];
        for (int kz = 0; kz < k[0]; kz++) {
            for (int ky = 0; ky < k[1]; ky++) {
                for (int kx = 0; kx < k[2]; kx++) {
                    int row = (((oc * k[0] + kz) * k[1] + ky) * k[2] + kx) * ivol;
                    for (int iz = 0; iz < is[0]; iz++) {
                        int oz = iz * gd[2] + kz * gd[3] - gd[1];
                        if (oz < 0 || oz >= od) {
                            continue;
                        }
                        for (int iy = 0; iy < is[1]; iy++) {
                            int oy = iy * gh[2] + ky * gh[3] - gh[1];
                            if (oy < 0 || oy >= oh) {
                                continue;
                            }
                            int src = row + (iz * is[1] + iy) * is[2];
                            int dst = plane + (oz * oh + oy) * ow;
                            for (int ix = 0; ix < is[2]; ix++) {
                                int ox = ix * gw[2] + kx * gw[3] - gw[1];
                                if (ox >= 0 && ox < ow) {
                                    out[dst + ox] += col[src + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
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
