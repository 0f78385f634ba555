package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.ParallelRunner;

/**
 * Convolutions computed without a GEMM: depthwise ones, and those with so few output channels per group that
 * packing an im2col matrix for the GEMM would cost more than the multiply-adds. Undilated ones read polyphase
 * sub-planes ({@link PolyphasePlanes}) and sum all taps of an output element in one pass of fused multiply-adds
 * ({@link FloatLoops#taps}, four output channels at a time with {@link FloatLoops#taps4}), in the (channel, ky, kx)
 * order of the weights; dilated depthwise ones use a row loop. The fused epilogue, when
 * there is one, runs on each output plane right after it is computed.
 */
final class DirectConvolution {
    /** Floats of stacked sub-planes one depthwise task works on: a few images of one channel, within L2. */
    private static final int STACK_FLOATS = 16 * 1024;
    /** Up to this many output channels per group a regular convolution runs here rather than in the GEMM. */
    static final int MAX_DIRECT_OUTPUT_CHANNELS = 8;

    private final ConvolutionWeights w;
    private final FusedEpilogue epilogue;

    DirectConvolution(ConvolutionWeights w, FusedEpilogue epilogue) {
        this.w = w;
        this.epilogue = epilogue;
    }

    /** Whether a non-depthwise convolution with these weights and geometry runs here. */
    static boolean takes(ConvolutionWeights w, SpatialGeometry gh, SpatialGeometry gw) {
        return !w.depthwise() && w.ocg <= MAX_DIRECT_OUTPUT_CHANNELS && gh.dilation == 1 && gw.dilation == 1;
    }

    /** {@code out[n, G, oh, ow]} of a depthwise convolution of {@code src[n, G, h, w]}. */
    void depthwise(float[] src, int n, int c, SpatialGeometry gh, SpatialGeometry gw, float[] out, ExecContext ctx) {
        if (gh.dilation == 1 && gw.dilation == 1) {
            depthwisePolyphase(src, n, c, gh, gw, out, ctx);
        } else {
            depthwiseRows(src, n, c, gh, gw, out, ctx);
        }
    }

    /**
     * The sub-planes of several images of one channel are stacked, so one taps pass covers all of them (they share
     * the channel's weights): small planes (mobilenet's 8x8 at batch 16) then cost one loop, not one per plane.
     */
    private void depthwisePolyphase(float[] src, int n, int c, SpatialGeometry gh, SpatialGeometry gw, float[] out,
                                    ExecContext ctx) {
        PolyphasePlanes planes = new PolyphasePlanes(gh, gw, w.kh, w.kw);
        int[] tapAt = tapOffsets(planes, 1, 0);
        int plane = planes.planeFloats();
        int perTask = Math.max(1, Math.min(n, STACK_FLOATS / plane));
        int tasksPerChannel = (n + perTask - 1) / perTask;
        int inPlane = planes.inputPlane();
        int outPlane = planes.outputPlane();
        FloatLoops loops = ctx.loops();
        ctx.parallel().forRange(c * tasksPerChannel, 1, (from, to) -> {
            // every element of both is written before it is read (sub-planes by fill, acc by the taps pass)
            float[] sub = ctx.floats(perTask * plane);
            float[] acc = ctx.floats(perTask * plane);
            for (int task = from; task < to; task++) {
                int ch = task / tasksPerChannel;
                int b0 = task % tasksPerChannel * perTask;
                int b1 = Math.min(n, b0 + perTask);
                for (int b = b0; b < b1; b++) {
                    planes.fill(src, (b * c + ch) * inPlane, sub, (b - b0) * plane);
                }
                loops.taps(w.raw, ch * w.kh * w.kw, sub, tapAt, tapAt.length, acc, 0,
                        (b1 - b0 - 1) * plane + planes.accumulatorLength());
                for (int b = b0; b < b1; b++) {
                    int o = (b * c + ch) * outPlane;
                    planes.copyOut(acc, (b - b0) * plane, out, o);
                    applyEpilogue(loops, out, o, outPlane, ch);
                }
            }
            ctx.release(sub);
            ctx.release(acc);
        });
    }

    /** Dilated depthwise: per output row, a multiply-add per tap over the (phase-split, when strided) input row. */
    private void depthwiseRows(float[] src, int n, int c, SpatialGeometry gh, SpatialGeometry gw, float[] out,
                               ExecContext ctx) {
        int h = gh.in;
        int wd = gw.in;
        int oh = gh.out;
        int ow = gw.out;
        int stride = gw.stride;
        int phaseLen = (wd + stride - 1) / stride;
        FloatLoops loops = ctx.loops();
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
                applyEpilogue(loops, out, o, oh * ow, ch);
            }
        });
    }

    /**
     * A regular (or grouped) convolution with few output channels per group (a network's first layer, say 3 -> 8):
     * the sub-planes of a group's input channels are built once per image, then each output channel is one taps
     * pass over all {@code C/G * KH * KW} of them. Images are spread over the threads when there are enough,
     * otherwise the output channels of each image are.
     */
    void fewOutputChannels(float[] src, int n, int c, SpatialGeometry gh, SpatialGeometry gw, float[] out,
                           ExecContext ctx) {
        PolyphasePlanes planes = new PolyphasePlanes(gh, gw, w.kh, w.kw);
        int[] tapAt = tapOffsets(planes, w.cg, planes.planeFloats());
        ctx.parallel().forBatch(n, (from, to, inner) -> {
            for (int b = from; b < to; b++) {
                image(src, b, c, planes, tapAt, out, ctx, inner);
            }
        });
    }

    private void image(float[] src, int b, int c, PolyphasePlanes planes, int[] tapAt, float[] out, ExecContext ctx,
                       ParallelRunner par) {
        int plane = planes.planeFloats();
        int oc = w.outputChannels();
        FloatLoops loops = ctx.loops();
        float[] sub = ctx.floats(w.cg * plane);
        for (int g = 0; g < w.groups; g++) {
            for (int ci = 0; ci < w.cg; ci++) {
                planes.fill(src, (b * c + g * w.cg + ci) * planes.inputPlane(), sub, ci * plane);
            }
            int group = g;
            // output channels in fours (one taps4 pass shares every input load), the rest one by one
            int quads = (w.ocg + 3) / 4;
            par.forRange(quads, 1, (from, to) -> {
                int accLen = planes.accumulatorLength();
                float[] acc = ctx.floats(4 * accLen);
                for (int q = from; q < to; q++) {
                    int o0 = group * w.ocg + q * 4;
                    int count = Math.min(4, (group + 1) * w.ocg - o0);
                    if (count == 4) {
                        loops.taps4(w.raw, o0 * w.window(), w.window(), sub, tapAt, tapAt.length, acc, 0, accLen,
                                accLen);
                    } else {
                        for (int k = 0; k < count; k++) {
                            loops.taps(w.raw, (o0 + k) * w.window(), sub, tapAt, tapAt.length, acc, k * accLen,
                                    accLen);
                        }
                    }
                    for (int k = 0; k < count; k++) {
                        int at = (b * oc + o0 + k) * planes.outputPlane();
                        planes.copyOut(acc, k * accLen, out, at);
                        applyEpilogue(loops, out, at, planes.outputPlane(), o0 + k);
                    }
                }
                ctx.release(acc);
            });
        }
        ctx.release(sub);
    }

    /** Tap offsets of {@code channels} stacked planes {@code stride} floats apart, in (channel, ky, kx) order. */
    private int[] tapOffsets(PolyphasePlanes planes, int channels, int stride) {
        int[] at = new int[channels * w.kh * w.kw];
        for (int ci = 0, t = 0; ci < channels; ci++) {
            for (int ky = 0; ky < w.kh; ky++) {
                for (int kx = 0; kx < w.kw; kx++) {
                    at[t++] = ci * stride + planes.tapOffset(ky, kx);
                }
            }
        }
        return at;
    }

    private void applyEpilogue(FloatLoops loops, float[] out, int o, int count, int channel) {
        if (epilogue != null) {
            epilogue.applyChannel(loops, out, o, count, channel);
        }
    }
}
