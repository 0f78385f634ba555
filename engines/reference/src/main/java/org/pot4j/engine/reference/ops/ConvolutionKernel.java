package org.pot4j.engine.reference.ops;

import java.util.Optional;
import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.gemm.GemmEpilogue;
import org.pot4j.engine.reference.gemm.PackedMatrix;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.ParallelRunner;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Convolution-1 and GroupConvolution-1 over 1-D and 2-D spatial inputs: im2col + SGEMM per group (a 1x1 stride-1
 * unpadded convolution multiplies the input directly), and a direct loop for depthwise convolutions. Constant
 * weights are packed once at compile time. A fused bias/activation ({@link FusedEpilogue}) is applied to each output
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
    private final Weights constWeights;
    private final FusedEpilogue epilogue;

    /** Weights as [G, OCg, Cg, KH, KW] with the packed GEMM operand of each group. */
    private static final class Weights {
        int groups;
        int ocg;
        int cg;
        int kh;
        int kw;
        /** The rank of the data (and output): 3 or 4. */
        int rank;
        float[] raw;
        PackedMatrix[] packed;
    }

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
        return constWeights == null ? -1 : constWeights.groups * constWeights.ocg;
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

    private Weights weights(Value w) {
        int[] s = w.shape();
        Weights r = new Weights();
        int spatialAt;
        if (grouped && onnxGroups > 0) {
            if (s.length != 3 && s.length != 4) {
                throw new IllegalArgumentException("GroupConvolution weights with group=" + onnxGroups
                        + " must be [OC,C/group,(KH,)KW], got " + Dims.format(s));
            }
            if (s[0] % onnxGroups != 0) {
                throw new IllegalArgumentException("GroupConvolution: " + s[0] + " output channels are not divisible by group="
                        + onnxGroups);
            }
            r.groups = (int) onnxGroups;
            r.ocg = s[0] / r.groups;
            r.cg = s[1];
            spatialAt = 2;
        } else if (grouped) {
            if (s.length != 4 && s.length != 5) {
                throw new IllegalArgumentException("GroupConvolution weights must be [G,OC/G,C/G,(KH,)KW], got " + Dims.format(s));
            }
            r.groups = s[0];
            r.ocg = s[1];
            r.cg = s[2];
            spatialAt = 3;
        } else {
            if (s.length != 3 && s.length != 4) {
                throw new IllegalArgumentException("Convolution weights must be [OC,C,(KH,)KW], got " + Dims.format(s));
            }
            r.groups = 1;
            r.ocg = s[0];
            r.cg = s[1];
            spatialAt = 2;
        }
        r.kh = s.length - spatialAt == 2 ? s[spatialAt] : 1;
        r.rank = s.length - spatialAt + 2;
        r.kw = s[s.length - 1];
        r.raw = w.floats();
        int k = r.cg * r.kh * r.kw;
        if (!(r.cg == 1 && r.ocg == 1)) {
            r.packed = new PackedMatrix[r.groups];
            for (int g = 0; g < r.groups; g++) {
                r.packed[g] = sgemm.pack(r.raw, g * r.ocg * k, r.ocg, k, k);
            }
        }
        return r;
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        Weights w = constWeights != null ? constWeights : weights(in[1]);
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
        if (w.cg == 1 && w.ocg == 1) {
            depthwise(src, w, n, c, h, wd, gh, gw, out, ctx);
        } else {
            boolean direct = w.kh == 1 && w.kw == 1 && gh.stride == 1 && gw.stride == 1 && gh.padBegin == 0
                    && gw.padBegin == 0 && gh.out == h && gw.out == wd;
            int k = w.cg * w.kh * w.kw;
            ParallelRunner par = ctx.parallel();
            if (n >= par.threads() && par.threads() > 1) {
                // a batch: each thread takes whole images, and their GEMMs run without synchronisation
                par.forRange(n, 1, (from, to) -> gemmImages(src, w, from, to, c, h, wd, gh, gw, direct, out, ctx,
                        ParallelRunner.serial()));
            } else {
                gemmImages(src, w, 0, n, c, h, wd, gh, gw, direct, out, ctx, par);
            }
        }
        int[] os = oneD ? new int[] {n, oc, gw.out} : new int[] {n, oc, gh.out, gw.out};
        return new Value[] {Value.ofFloats(os, out)};
    }

    /** im2col (unless {@code direct}) + one GEMM per group, for images {@code [from, to)}. */
    private void gemmImages(float[] src, Weights w, int from, int to, int c, int h, int wd, SpatialGeometry gh,
                            SpatialGeometry gw, boolean direct, float[] out, ExecContext ctx, ParallelRunner par) {
        int oc = w.groups * w.ocg;
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

    private static void im2col(float[] src, int inOff, Weights w, int h, int wd, SpatialGeometry gh,
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

    private void depthwise(float[] src, Weights w, int n, int c, int h, int wd, SpatialGeometry gh,
                                  SpatialGeometry gw, float[] out, ExecContext ctx) {
        int oh = gh.out;
        int ow = gw.out;
        FloatLoops loops = ctx.loops();
        if (gh.dilation == 1 && gw.dilation == 1) {
            depthwisePolyphase(src, w, n, c, h, wd, gh, gw, out, ctx);
            return;
        }
        int stride = gw.stride;
        int phaseLen = (wd + stride - 1) / stride;
        ctx.parallel().forRange(n * c, 1, (from, to) -> {
            // a strided row is split into `stride` contiguous phases (x[p], x[p+s], ...), so every tap is a
            // contiguous (vectorisable) multiply-add, in the same order as the plain loop
            float[] phases = stride == 1 ? null : new float[stride * phaseLen];
            for (int plane = from; plane < to; plane++) {
                int ch = plane % c;
                int o = plane * oh * ow;
                int s = plane * h * wd;
                java.util.Arrays.fill(out, o, o + oh * ow, 0f);
                // output row outermost so it stays in L1; each element still sums its taps in (ky, kx) order
                for (int oy = 0; oy < oh; oy++) {
                    int dst = o + oy * ow;
                    for (int ky = 0; ky < w.kh; ky++) {
                        int iy = oy * gh.stride + ky * gh.dilation - gh.padBegin;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int rowStart = s + iy * wd;
                        if (phases != null) {
                            for (int p = 0; p < stride; p++) {
                                int at = p * phaseLen;
                                for (int x = p, j = 0; x < wd; x += stride, j++) {
                                    phases[at + j] = src[rowStart + x];
                                }
                            }
                        }
                        for (int kx = 0; kx < w.kw; kx++) {
                            float wv = w.raw[(ch * w.kh + ky) * w.kw + kx];
                            int dx = kx * gw.dilation - gw.padBegin;
                            int oxLo = dx >= 0 ? 0 : (-dx + stride - 1) / stride;
                            int oxHi = wd - dx <= 0 ? 0 : Math.min(ow, (wd - dx - 1) / stride + 1);
                            if (oxHi <= oxLo) {
                                continue;
                            }
                            if (phases == null) {
                                loops.axpy(wv, src, rowStart + dx + oxLo, out, dst + oxLo, oxHi - oxLo);
                            } else {
                                int at = Math.floorMod(dx, stride) * phaseLen + oxLo + Math.floorDiv(dx, stride);
                                loops.axpy(wv, phases, at, out, dst + oxLo, oxHi - oxLo);
                            }
                        }
                    }
                }
                if (epilogue != null) {
                    epilogue.applyChannel(loops, out, o, oh * ow, ch);
                }
            }
        });
    }

    /**
     * Depthwise without dilation: the zero-padded input plane is split into {@code sy x sx} polyphase sub-planes of
     * row length {@code L}, so that tap {@code (ky, kx)} reads sub-plane {@code (ky % sy, kx % sx)} at offset
     * {@code (oy + ky / sy) * L + ox + kx / sx} for output {@code (oy, ox)}: every tap is a contiguous run, and one pass
     * over the plane sums all taps per element in a register (the accumulator has row length {@code L}; columns past
     * the output width are discarded).
     * Taps are summed in (ky, kx) order as in the row loop; padding contributes exact zeros.
     */
    private void depthwisePolyphase(float[] src, Weights w, int n, int c, int h, int wd, SpatialGeometry gh,
                                    SpatialGeometry gw, float[] out, ExecContext ctx) {
        int oh = gh.out;
        int ow = gw.out;
        int sy = gh.stride;
        int sx = gw.stride;
        int paddedH = (oh - 1) * sy + w.kh;
        int paddedW = (ow - 1) * sx + w.kw;
        int rows = (paddedH + sy - 1) / sy;
        int len = (paddedW + sx - 1) / sx;
        int subSize = rows * len;
        int accLen = (oh - 1) * len + ow;
        FloatLoops loops = ctx.loops();
        // where tap (ky, kx) starts in the sub-planes, in the (ky, kx) order of the weights
        int[] tapAt = new int[w.kh * w.kw];
        for (int ky = 0; ky < w.kh; ky++) {
            for (int kx = 0; kx < w.kw; kx++) {
                tapAt[ky * w.kw + kx] = ((ky % sy) * sx + kx % sx) * subSize + (ky / sy) * len + kx / sx;
            }
        }
        ctx.parallel().forRange(n * c, 1, (from, to) -> {
            // every element of both is written before it is read (sub-planes row by row, acc by the taps loop)
            float[] sub = ctx.floats(sy * sx * subSize);
            float[] acc = ctx.floats(accLen);
            for (int plane = from; plane < to; plane++) {
                int ch = plane % c;
                int s = plane * h * wd;
                for (int ry = 0; ry < sy; ry++) {
                    for (int rx = 0; rx < sx; rx++) {
                        int base = (ry * sx + rx) * subSize;
                        for (int i = 0; i < rows; i++) {
                            int iy = i * sy + ry - gh.padBegin;
                            int d = base + i * len;
                            if (iy < 0 || iy >= h) {
                                java.util.Arrays.fill(sub, d, d + len, 0f);
                                continue;
                            }
                            int row = s + iy * wd;
                            if (sx == 1) {
                                // columns j hold ix = j - padBegin: zeros, a copy of the row, zeros
                                int lo = Math.min(len, gw.padBegin);
                                int hi = Math.max(lo, Math.min(len, gw.padBegin + wd));
                                java.util.Arrays.fill(sub, d, d + lo, 0f);
                                System.arraycopy(src, row + lo - gw.padBegin, sub, d + lo, hi - lo);
                                java.util.Arrays.fill(sub, d + hi, d + len, 0f);
                                continue;
                            }
                            // columns j hold ix = j * sx + rx - padBegin; those inside [0, wd) are [jLo, jHi)
                            int ix0 = rx - gw.padBegin;
                            int jLo = Math.min(len, ix0 >= 0 ? 0 : (-ix0 + sx - 1) / sx);
                            int jHi = Math.max(jLo, Math.min(len, wd - ix0 <= 0 ? 0 : (wd - ix0 - 1) / sx + 1));
                            java.util.Arrays.fill(sub, d, d + jLo, 0f);
                            for (int j = jLo, ix = row + ix0 + jLo * sx; j < jHi; j++, ix += sx) {
                                sub[d + j] = src[ix];
                            }
                            java.util.Arrays.fill(sub, d + jHi, d + len, 0f);
                        }
                    }
                }
                loops.taps(w.raw, ch * w.kh * w.kw, sub, tapAt, tapAt.length, acc, 0, accLen);
                int o = plane * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    System.arraycopy(acc, oy * len, out, o + oy * ow, ow);
                }
                if (epilogue != null) {
                    epilogue.applyChannel(loops, out, o, oh * ow, ch);
                }
            }
            ctx.release(sub);
            ctx.release(acc);
        });
    }

    /** Multiply-accumulates of one run: output elements times the window volume. */
    static long macs(int[] outShape, int[] weightShape, boolean grouped) {
        int k = Dims.product(weightShape, grouped ? 2 : 1, weightShape.length);
        return (long) Dims.count(outShape) * k;
    }
}
