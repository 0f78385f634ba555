package org.pot4j.engine.reference.ops;

import java.util.Optional;
import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.gemm.GemmEpilogue;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.ParallelRunner;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Convolution-1 and GroupConvolution-1 over 1-D and 2-D spatial inputs: im2col + SGEMM per group (a 1x1 stride-1
 * unpadded convolution multiplies the input directly; a batch of those on small planes is folded into one GEMM; a
 * batch of images is spread over the threads image by image), and {@link DirectConvolution} for depthwise
 * convolutions and those with few output channels per group. Constant weights are packed once at compile time. A fused bias/activation ({@link FusedEpilogue}) is applied to each output
 * row as the GEMM finishes it. GroupConvolution takes IR weights {@code [G, OC/G, C/G, ...]}, or ONNX-shaped
 * {@code [OC, C/G, ...]} when the node has a {@code group} attribute.
 */
final class ConvolutionKernel implements FusableKernel {
    private final boolean grouped;
    /** ONNX's group count when the weights stay {@code [OC, C/group, kh, kw]} (the ONNX view's GroupConvolution). */
    private final long onnxGroups;
    private final long[] strides;
    private final long[] dilations;
    private final long[] padsBegin;
    private final long[] padsEnd;
    private final String autoPad;
    private final Sgemm sgemm;
    private final ConvolutionWeights constWeights;
    private final FusedEpilogue epilogue;
    /** Below this many output pixels, a batch of 1x1 convolutions is folded into one GEMM. */
    private static final int FOLD_BATCH_BELOW = 64;

    private ConvolutionKernel(Node node, CompileContext cc, boolean grouped) {
        NodeAttributes a = new NodeAttributes(node);
        this.grouped = grouped;
        this.strides = a.longs("strides", new long[] {1, 1});
        this.dilations = a.longs("dilations", new long[] {1, 1});
        this.padsBegin = a.longs("pads_begin", new long[] {0, 0});
        this.padsEnd = a.longs("pads_end", new long[] {0, 0});
        this.autoPad = a.string("auto_pad", "explicit");
        this.onnxGroups = grouped ? a.longValue("group", 0) : 0;
        this.sgemm = cc.sgemm();
        Optional<Value> w = cc.constantInput(1);
        this.constWeights = w.isPresent() ? weights(w.get()) : null;
        this.epilogue = null;
    }

    private ConvolutionKernel(ConvolutionKernel k, FusedEpilogue epilogue) {
        this.grouped = k.grouped;
        this.onnxGroups = k.onnxGroups;
        this.strides = k.strides;
        this.dilations = k.dilations;
        this.padsBegin = k.padsBegin;
        this.padsEnd = k.padsEnd;
        this.autoPad = k.autoPad;
        this.sgemm = k.sgemm;
        this.constWeights = k.constWeights;
        this.epilogue = epilogue;
    }

    @Override
    public int outputRank() {
        return constWeights == null ? -1 : constWeights.rank;
    }

    @Override
    public int outputChannels() {
        return constWeights == null ? -1 : constWeights.outputChannels();
    }

    @Override
    public boolean perColumn() {
        return false;
    }

    @Override
    public OpKernel withEpilogue(FusedEpilogue e) {
        return new ConvolutionKernel(this, e);
    }

    static KernelFactory factory(boolean grouped) {
        return (node, cc) -> new ConvolutionKernel(node, cc, grouped);
    }

    private ConvolutionWeights weights(Value w) {
        return ConvolutionWeights.of(w, grouped, onnxGroups, sgemm);
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        ConvolutionWeights w = constWeights != null ? constWeights : weights(in[1]);
        int[] xs = x.shape();
        boolean oneD = xs.length == 3;
        if (xs.length != 4 && !oneD) {
            throw new IllegalArgumentException("input must be [N,C,(H,)W], got " + Dims.format(xs));
        }
        int n = xs[0];
        int c = xs[1];
        int h = oneD ? 1 : xs[2];
        int wd = xs[xs.length - 1];
        if (xs.length != w.rank) {
            throw new IllegalArgumentException("input " + Dims.format(xs) + " has rank " + xs.length + ", weights are for rank "
                    + w.rank);
        }
        if (c != w.groups * w.cg) {
            throw new IllegalArgumentException("input has " + c + " channels, weights expect " + w.groups * w.cg);
        }
        int si = oneD ? 1 : 0;
        SpatialGeometry gh = oneD ? SpatialGeometry.of(1, 1, 1, 1, 0, 0, "explicit", false)
                : SpatialGeometry.of(h, w.kh, SpatialGeometry.get(strides, 0, 1), SpatialGeometry.get(dilations, 0, 1),
                SpatialGeometry.get(padsBegin, 0, 0), SpatialGeometry.get(padsEnd, 0, 0), autoPad, false);
        SpatialGeometry gw = SpatialGeometry.of(wd, w.kw, SpatialGeometry.get(strides, 1 - si, 1),
                SpatialGeometry.get(dilations, 1 - si, 1), SpatialGeometry.get(padsBegin, 1 - si, 0),
                SpatialGeometry.get(padsEnd, 1 - si, 0), autoPad, false);
        int oc = w.groups * w.ocg;
        if (epilogue != null) {
            epilogue.check(oc);
        }
        int ohw = gh.out * gw.out;
        float[] out = ctx.floats(n * oc * ohw);
        float[] src = x.floats();
        if (w.depthwise()) {
            new DirectConvolution(w, epilogue).depthwise(src, n, c, gh, gw, out, ctx);
        } else if (DirectConvolution.takes(w, gh, gw)) {
            new DirectConvolution(w, epilogue).fewOutputChannels(src, n, c, gh, gw, out, ctx);
        } else {
            boolean direct = w.kh == 1 && w.kw == 1 && gh.stride == 1 && gw.stride == 1 && gh.padBegin == 0
                    && gw.padBegin == 0 && gh.out == h && gw.out == wd;
            if (direct && w.groups == 1 && n > 1 && ohw < FOLD_BATCH_BELOW) {
                foldedBatch(src, w, n, c, ohw, out, ctx);
            } else {
                ctx.parallel().forBatch(n, (from, to, inner) -> gemmImages(src, w, from, to, c, h, wd, gh, gw, direct,
                        out, ctx, inner));
            }
        }
        int[] os = oneD ? new int[] {n, oc, gw.out} : new int[] {n, oc, gh.out, gw.out};
        return new Value[] {Value.ofFloats(os, out)};
    }

    /**
     * A 1x1 convolution of small planes (1x1 before a classifier): the batch's planes are gathered into one
     * {@code [C, n * HW]} matrix so one GEMM with {@code n * HW} columns replaces n narrow ones, then scattered back.
     */
    private void foldedBatch(float[] src, ConvolutionWeights w, int n, int c, int ohw, float[] out, ExecContext ctx) {
        int oc = w.outputChannels();
        int cols = n * ohw;
        float[] gathered = ctx.floats(c * cols);
        for (int ch = 0; ch < c; ch++) {
            for (int b = 0; b < n; b++) {
                System.arraycopy(src, (b * c + ch) * ohw, gathered, ch * cols + b * ohw, ohw);
            }
        }
        float[] product = ctx.floats(oc * cols);
        sgemm.multiply(w.packed[0], gathered, 0, cols, cols, product, 0, cols, ctx.parallel(),
                gemmEpilogue(ctx.loops(), 0));
        for (int o = 0; o < oc; o++) {
            for (int b = 0; b < n; b++) {
                System.arraycopy(product, o * cols + b * ohw, out, (b * oc + o) * ohw, ohw);
            }
        }
        ctx.release(gathered);
        ctx.release(product);
    }

    /** im2col (unless {@code direct}) + one GEMM per group, for images {@code [from, to)}. */
    private void gemmImages(float[] src, ConvolutionWeights w, int from, int to, int c, int h, int wd, SpatialGeometry gh,
                            SpatialGeometry gw, boolean direct, float[] out, ExecContext ctx, ParallelRunner par) {
        int oc = w.outputChannels();
        int ohw = gh.out * gw.out;
        float[] col = direct ? null : ctx.floats(w.cg * w.kh * w.kw * ohw);
        for (int b = from; b < to; b++) {
            for (int g = 0; g < w.groups; g++) {
                int inOff = (b * c + g * w.cg) * h * wd;
                float[] bm;
                int bOff;
                if (direct) {
                    bm = src;
                    bOff = inOff;
                } else {
                    im2col(src, inOff, w, h, wd, gh, gw, col, par);
                    bm = col;
                    bOff = 0;
                }
                sgemm.multiply(w.packed[g], bm, bOff, ohw, ohw, out, (b * oc + g * w.ocg) * ohw, ohw, par,
                        gemmEpilogue(ctx.loops(), g * w.ocg));
            }
        }
        if (col != null) {
            ctx.release(col);
        }
    }

    private GemmEpilogue gemmEpilogue(FloatLoops loops, int firstChannel) {
        if (epilogue == null) {
            return null;
        }
        return (c, off, row, col, n) -> epilogue.applyChannel(loops, c, off, n, firstChannel + row);
    }

    private static void im2col(float[] src, int inOff, ConvolutionWeights w, int h, int wd, SpatialGeometry gh,
                               SpatialGeometry gw, float[] col, ParallelRunner par) {
        int rows = w.cg * w.kh * w.kw;
        int oh = gh.out;
        int ow = gw.out;
        par.forRange(rows, Math.max(1, 4096 / Math.max(1, oh * ow)), (from, to) -> {
            for (int row = from; row < to; row++) {
                int kx = row % w.kw;
                int ky = (row / w.kw) % w.kh;
                int ch = row / (w.kw * w.kh);
                int dst = row * oh * ow;
                int plane = inOff + ch * h * wd;
                int dx = kx * gw.dilation - gw.padBegin;
                // valid output columns: 0 <= ox*stride + dx < wd
                int oxLo = dx >= 0 ? 0 : (-dx + gw.stride - 1) / gw.stride;
                int oxHi = wd - dx <= 0 ? 0 : Math.min(ow, (wd - dx - 1) / gw.stride + 1);
                for (int oy = 0; oy < oh; oy++) {
                    int iy = oy * gh.stride + ky * gh.dilation - gh.padBegin;
                    int d = dst + oy * ow;
                    if (iy < 0 || iy >= h || oxLo >= oxHi) {
                        java.util.Arrays.fill(col, d, d + ow, 0f);
                        continue;
                    }
                    int srcRow = plane + iy * wd + dx;
                    for (int ox = 0; ox < oxLo; ox++) {
                        col[d + ox] = 0f;
                    }
                    if (gw.stride == 1) {
                        System.arraycopy(src, srcRow + oxLo, col, d + oxLo, oxHi - oxLo);
                    } else {
                        for (int ox = oxLo; ox < oxHi; ox++) {
                            col[d + ox] = src[srcRow + ox * gw.stride];
                        }
                    }
                    for (int ox = Math.max(oxHi, oxLo); ox < ow; ox++) {
                        col[d + ox] = 0f;
                    }
                }
            }
        });
    }

    /** Multiply-accumulates of one run: output elements times the window volume. */
    static long macs(int[] outShape, int[] weightShape, boolean grouped) {
        int k = Dims.product(weightShape, grouped ? 2 : 1, weightShape.length);
        return (long) Dims.count(outShape) * k;
    }
}
