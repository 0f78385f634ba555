package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * MaxPool-1/-8 and AvgPool-1 over 1-D, 2-D and 3-D spatial inputs. Padding never wins a max; {@code exclude-pad}
 * averages over the input elements of the window only, otherwise over the window clipped to the padded input.
 * MaxPool-8's second output gives flat indices into the input (as {@code axis=0}).
 */
final class PoolingKernel implements OpKernel {
    private final boolean max;
    private final long[] kernel;
    private final long[] strides;
    private final long[] dilations;
    private final long[] padsBegin;
    private final long[] padsEnd;
    private final String autoPad;
    private final boolean ceil;
    private final boolean excludePad;
    private final boolean withIndices;
    /** ONNX MaxPool's storage_order=1 (the ONNX view adds it): indices count down the columns of each plane. */
    private final boolean columnMajorIndices;

    private PoolingKernel(Node node, CompileContext cc, boolean max) {
        NodeAttributes a = new NodeAttributes(node);
        this.max = max;
        this.kernel = a.requireLongs("kernel");
        this.strides = a.longs("strides", new long[] {1, 1});
        this.dilations = a.longs("dilations", new long[] {1, 1});
        this.padsBegin = a.longs("pads_begin", new long[] {0, 0});
        this.padsEnd = a.longs("pads_end", new long[] {0, 0});
        this.autoPad = a.string("auto_pad", "explicit");
        String rounding = a.string("rounding_type", "floor");
        if (!rounding.equals("floor") && !rounding.equals("ceil")) {
            throw new IllegalArgumentException("unsupported rounding_type '" + rounding + "'");
        }
        this.ceil = rounding.equals("ceil");
        this.excludePad = a.bool("exclude-pad", false);
        // MaxPool-8 always declares the indices output; IRs rarely read it, and computing it costs a branchy loop
        this.withIndices = node.outputs().size() > 1 && cc.outputUsed(1);
        this.columnMajorIndices = a.longValue("storage_order", 0) == 1;
    }

    static KernelFactory factory(boolean max) {
        return (node, cc) -> new PoolingKernel(node, cc, max);
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        int[] xs = x.shape();
        if (xs.length == 5) {
            return volume(x, ctx);
        }
        boolean oneD = xs.length == 3;
        if (xs.length != 4 && !oneD) {
            throw new IllegalArgumentException("input must be [N,C,(D,)(H,)W], got " + Dims.format(xs));
        }
        int n = xs[0];
        int c = xs[1];
        int h = oneD ? 1 : xs[2];
        int w = xs[xs.length - 1];
        int si = oneD ? 1 : 0;
        int peH = oneD ? 0 : SpatialGeometry.get(padsEnd, 0, 0);
        int peW = SpatialGeometry.get(padsEnd, 1 - si, 0);
        SpatialGeometry gh = oneD ? SpatialGeometry.of(1, 1, 1, 1, 0, 0, "explicit", false)
                : SpatialGeometry.of(h, SpatialGeometry.get(kernel, 0, 1), SpatialGeometry.get(strides, 0, 1),
                SpatialGeometry.get(dilations, 0, 1), SpatialGeometry.get(padsBegin, 0, 0), peH, autoPad, ceil);
        SpatialGeometry gw = SpatialGeometry.of(w, SpatialGeometry.get(kernel, 1 - si, 1),
                SpatialGeometry.get(strides, 1 - si, 1), SpatialGeometry.get(dilations, 1 - si, 1),
                SpatialGeometry.get(padsBegin, 1 - si, 0), peW, autoPad, ceil);
        int oh = gh.out;
        int ow = gw.out;
        // the end padding actually used (auto_pad may have changed it)
        int padEndH = autoPadEnd(gh, peH);
        int padEndW = autoPadEnd(gw, peW);
        float[] src = x.floats();
        float[] out = ctx.floats(n * c * oh * ow);
        long[] idx = withIndices ? new long[out.length] : null;
        if (idx == null && gh.dilation == 1 && gw.dilation == 1) {
            rowPooling(src, out, n * c, h, w, gh, gw, padEndH, padEndW, ctx);
            int[] os = oneD ? new int[] {n, c, ow} : new int[] {n, c, oh, ow};
            return new Value[] {result(x, os, out, ctx)};
        }
        ctx.parallel().forRange(n * c, 1, (from, to) -> {
            for (int plane = from; plane < to; plane++) {
                int s = plane * h * w;
                int o = plane * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    int y0 = oy * gh.stride - gh.padBegin;
                    for (int ox = 0; ox < ow; ox++) {
                        int x0 = ox * gw.stride - gw.padBegin;
                        if (max) {
                            // the window clipped to the input: padding never wins a max
                            int kyLo = y0 >= 0 ? 0 : (-y0 + gh.dilation - 1) / gh.dilation;
                            int kyHi = Math.min(gh.kernel, (h - 1 - y0) / gh.dilation + 1);
                            int kxLo = x0 >= 0 ? 0 : (-x0 + gw.dilation - 1) / gw.dilation;
                            int kxHi = Math.min(gw.kernel, (w - 1 - x0) / gw.dilation + 1);
                            float m = Float.NEGATIVE_INFINITY;
                            int at = -1;
                            for (int ky = kyLo; ky < kyHi; ky++) {
                                int row = s + (y0 + ky * gh.dilation) * w + x0;
                                for (int kx = kxLo; kx < kxHi; kx++) {
                                    float v = src[row + kx * gw.dilation];
                                    if (v > m || at < 0) {
                                        m = v;
                                        at = row + kx * gw.dilation;
                                    }
                                }
                            }
                            out[o + oy * ow + ox] = m;
                            if (idx != null) {
                                idx[o + oy * ow + ox] = columnMajorIndices ? s + (at - s) % w * h + (at - s) / w : at;
                            }
                        } else {
                            float sum = 0;
                            int count = 0;
                            int padded = 0;
                            for (int ky = 0; ky < gh.kernel; ky++) {
                                int iy = y0 + ky;
                                if (iy >= -gh.padBegin && iy < h + padEndH) {
                                    for (int kx = 0; kx < gw.kernel; kx++) {
                                        int ix = x0 + kx;
                                        if (ix >= -gw.padBegin && ix < w + padEndW) {
                                            padded++;
                                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                                sum += src[s + iy * w + ix];
                                                count++;
                                            }
                                        }
                                    }
                                }
                            }
                            int div = excludePad ? count : padded;
                            out[o + oy * ow + ox] = div == 0 ? 0f : sum / div;
                        }
                    }
                }
            }
        });
        int[] os = oneD ? new int[] {n, c, ow} : new int[] {n, c, oh, ow};
        Value v = result(x, os, out, ctx);
        return idx == null ? new Value[] {v} : new Value[] {v, Value.ofLongs(os, idx)};
    }

    /**
     * The pooled values in the input's kind: integer inputs (ONNX MaxPool on uint8) are pooled through floats, exact
     * up to 2^24, and come back integer.
     */
    private Value result(Value x, int[] shape, float[] out, ExecContext ctx) {
        if (x.isFloat() || !max) {
            return Value.ofFloats(shape, out);
        }
        long[] l = new long[out.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) out[i];
        }
        ctx.release(out);
        return Value.ofLongs(shape, l);
    }

    /**
     * Pooling without indices or dilation, separably: the window's valid input rows are reduced into one row with
     * whole-row (vectorised) max/add, then each output takes its clipped columns of that row. Padding never wins a
     * max; averages divide by the valid (exclude-pad) or padded window area, which factorises into rows x columns.
     */
    private void rowPooling(float[] src, float[] out, int planes, int h, int w, SpatialGeometry gh, SpatialGeometry gw,
                            int padEndH, int padEndW, ExecContext ctx) {
        int oh = gh.out;
        int ow = gw.out;
        FloatLoops loops = ctx.loops();
        FloatLoops.BinaryOp reduce = max ? FloatLoops.BinaryOp.MAXIMUM : FloatLoops.BinaryOp.ADD;
        ctx.parallel().forRange(planes, 1, (from, to) -> {
            float[] acc = new float[w];
            float[] hz = new float[w];
            for (int plane = from; plane < to; plane++) {
                int s = plane * h * w;
                int o = plane * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    int y0 = oy * gh.stride - gh.padBegin;
                    int yLo = Math.max(0, y0);
                    int yHi = Math.min(h, y0 + gh.kernel);
                    int dst = o + oy * ow;
                    if (yLo >= yHi) {
                        // only padding under the window (possible with large pads): an empty max, or zero average
                        java.util.Arrays.fill(out, dst, dst + ow, max ? Float.NEGATIVE_INFINITY : 0f);
                        continue;
                    }
                    float[] row = src;
                    int rowOff = s + yLo * w;
                    if (yHi - yLo > 1) {
                        loops.binary(reduce, src, rowOff, 1, src, rowOff + w, 1, acc, 0, w);
                        for (int y = yLo + 2; y < yHi; y++) {
                            loops.binary(reduce, acc, 0, 1, src, s + y * w, 1, acc, 0, w);
                        }
                        row = acc;
                        rowOff = 0;
                    }
                    int paddedRows = Math.min(y0 + gh.kernel, h + padEndH) - Math.max(y0, -gh.padBegin);
                    // windows fully inside the row reduce kw neighbours with whole-row (vector) ops; the same order
                    // as the scalar loop below, so max and sum agree bit for bit with the border windows' loop
                    int kw = gw.kernel;
                    int full = w - kw + 1;
                    float[] win = row;
                    int winOff = rowOff;
                    if (kw > 1 && full > 0) {
                        loops.binary(reduce, row, rowOff, 1, row, rowOff + 1, 1, hz, 0, full);
                        for (int j = 2; j < kw; j++) {
                            loops.binary(reduce, hz, 0, 1, row, rowOff + j, 1, hz, 0, full);
                        }
                        win = hz;
                        winOff = 0;
                    }
                    for (int ox = 0; ox < ow; ox++) {
                        int x0 = ox * gw.stride - gw.padBegin;
                        int xLo = Math.max(0, x0);
                        int xHi = Math.min(w, x0 + kw);
                        float v;
                        if (x0 >= 0 && x0 + kw <= w) {
                            v = win[winOff + x0];
                        } else if (max) {
                            v = Float.NEGATIVE_INFINITY;
                            for (int x = xLo; x < xHi; x++) {
                                v = Math.max(v, row[rowOff + x]);
                            }
                        } else {
                            v = xLo < xHi ? row[rowOff + xLo] : 0f;
                            for (int x = xLo + 1; x < xHi; x++) {
                                v += row[rowOff + x];
                            }
                        }
                        if (max) {
                            out[dst + ox] = v;
                        } else {
                            int cols = excludePad ? Math.max(0, xHi - xLo)
                                    : Math.min(x0 + kw, w + padEndW) - Math.max(x0, -gw.padBegin);
                            int div = (excludePad ? yHi - yLo : paddedRows) * cols;
                            out[dst + ox] = div <= 0 ? 0f : v / div;
                        }
                    }
                }
            }
        });
    }

    /**
     * 3-D pooling over [N,C,D,H,W], window by window (no separable fast path: 3-D pools are rare in the models
     * pot4j quantizes). Same rules as 2-D: padding never wins a max, averages divide by the valid or padded count.
     */
    private Value[] volume(Value x, ExecContext ctx) {
        int[] xs = x.shape();
        SpatialGeometry[] g = new SpatialGeometry[3];
        int[] padEnd = new int[3];
        for (int i = 0; i < 3; i++) {
            int pe = SpatialGeometry.get(padsEnd, i, 0);
            g[i] = SpatialGeometry.of(xs[2 + i], SpatialGeometry.get(kernel, i, 1), SpatialGeometry.get(strides, i, 1),
                    SpatialGeometry.get(dilations, i, 1), SpatialGeometry.get(padsBegin, i, 0), pe, autoPad, ceil);
            padEnd[i] = autoPadEnd(g[i], pe);
        }
        int d = xs[2];
        int h = xs[3];
        int w = xs[4];
        int[] os = {xs[0], xs[1], g[0].out, g[1].out, g[2].out};
        int outPlane = os[2] * os[3] * os[4];
        float[] src = x.floats();
        float[] out = ctx.floats(xs[0] * xs[1] * outPlane);
        long[] idx = withIndices ? new long[out.length] : null;
        ctx.parallel().forRange(xs[0] * xs[1], 1, (from, to) -> {
            int[] at = new int[3];
            for (int plane = from; plane < to; plane++) {
                int s = plane * d * h * w;
                for (int o = 0; o < outPlane; o++) {
                    at[0] = o / (os[3] * os[4]);
                    at[1] = o / os[4] % os[3];
                    at[2] = o % os[4];
                    float m = Float.NEGATIVE_INFINITY;
                    int arg = -1;
                    float sum = 0;
                    int count = 0;
                    int padded = 0;
                    for (int kz = 0; kz < g[0].kernel; kz++) {
                        int iz = at[0] * g[0].stride - g[0].padBegin + kz * g[0].dilation;
                        if (iz < -g[0].padBegin || iz >= d + padEnd[0]) {
                            continue;
                        }
                        for (int ky = 0; ky < g[1].kernel; ky++) {
                            int iy = at[1] * g[1].stride - g[1].padBegin + ky * g[1].dilation;
                            if (iy < -g[1].padBegin || iy >= h + padEnd[1]) {
                                continue;
                            }
                            for (int kx = 0; kx < g[2].kernel; kx++) {
                                int ix = at[2] * g[2].stride - g[2].padBegin + kx * g[2].dilation;
                                if (ix < -g[2].padBegin || ix >= w + padEnd[2]) {
                                    continue;
                                }
                                padded++;
                                if (iz < 0 || iz >= d || iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                    continue;
                                }
                                int i = s + (iz * h + iy) * w + ix;
                                float v = src[i];
                                count++;
                                sum += v;
                                if (v > m || arg < 0) {
                                    m = v;
                                    arg = i;
                                }
                            }
                        }
                    }
                    int dst = plane * outPlane + o;
                    if (max) {
                        out[dst] = m;
                        if (idx != null) {
                            idx[dst] = arg;
                        }
                    } else {
                        int div = excludePad ? count : padded;
                        out[dst] = div == 0 ? 0f : sum / div;
                    }
                }
            }
        });
        Value v = result(x, os, out, ctx);
        return idx == null ? new Value[] {v} : new Value[] {v, Value.ofLongs(os, idx)};
    }

    private int autoPadEnd(SpatialGeometry g, int explicitEnd) {
        if (autoPad.equals("same_upper") || autoPad.equals("same_lower")) {
            int effective = (g.kernel - 1) * g.dilation + 1;
            int total = Math.max(0, (g.out - 1) * g.stride + effective - g.in);
            return total - g.padBegin;
        }
        return autoPad.equals("valid") ? 0 : explicitEnd;
    }
}
