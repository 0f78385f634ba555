package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Ops that only move elements: Tile-1 (repeats input; a shorter input shape gets leading 1s), DepthToSpace-1
 * ({@code blocks_first} = ONNX DCR, {@code depth_first} = CRD) and SpaceToDepth-1 on 4-D tensors, and ONNX's Size
 * (the element count as an i64 scalar; OpenVINO has none).
 */
final class LayoutKernels {
    private LayoutKernels() {
    }

    static KernelFactory tile() {
        return (node, cc) -> (in, ctx) -> {
            Value x = in[0];
            long[] repeats = in[1].longs();
            int rank = Math.max(x.rank(), repeats.length);
            int[] s = new int[rank];
            int[] os = new int[rank];
            for (int d = 0; d < rank; d++) {
                int xd = d - (rank - x.rank());
                int rd = d - (rank - repeats.length);
                s[d] = xd >= 0 ? x.dim(xd) : 1;
                long r = rd >= 0 ? repeats[rd] : 1;
                if (r < 0) {
                    throw new IllegalArgumentException("Tile repeats must not be negative, got " + r);
                }
                os[d] = (int) (s[d] * r);
            }
            int n = Dims.count(os);
            int[] srcStrides = Dims.strides(s);
            Object src = x.array();
            Object dst = x.newArray(n);
            int[] idx = new int[rank];
            for (int o = 0; o < n; o++) {
                int rem = o;
                int off = 0;
                for (int d = rank - 1; d >= 0; d--) {
                    idx[d] = rem % os[d];
                    rem /= os[d];
                    off += (idx[d] % s[d]) * srcStrides[d];
                }
                System.arraycopy(src, off, dst, o, 1);
            }
            return new Value[] {x.withData(os, dst)};
        };
    }

    static KernelFactory size() {
        return (node, cc) -> (in, ctx) -> new Value[] {Value.ofLongs(new int[0], new long[] {in[0].size()})};
    }

    static KernelFactory depthToSpace() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            int bs = (int) a.longValue("block_size", 1);
            boolean blocksFirst = a.string("mode", "blocks_first").equals("blocks_first");
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = require4d(x, "DepthToSpace");
                int c = s[1] / (bs * bs);
                int h = s[2];
                int w = s[3];
                int[] os = {s[0], c, h * bs, w * bs};
                Object src = x.array();
                Object dst = x.newArray(x.size());
                int o = 0;
                for (int n = 0; n < s[0]; n++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int y = 0; y < h * bs; y++) {
                            for (int xx = 0; xx < w * bs; xx++) {
                                int by = y % bs;
                                int bx = xx % bs;
                                int cin = blocksFirst ? (by * bs + bx) * c + ch : ch * bs * bs + by * bs + bx;
                                System.arraycopy(src, ((n * s[1] + cin) * h + y / bs) * w + xx / bs, dst, o++, 1);
                            }
                        }
                    }
                }
                return new Value[] {x.withData(os, dst)};
            };
        };
    }

    static KernelFactory spaceToDepth() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            int bs = (int) a.longValue("block_size", 1);
            boolean blocksFirst = a.string("mode", "blocks_first").equals("blocks_first");
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = require4d(x, "SpaceToDepth");
                int c = s[1];
                int h = s[2] / bs;
                int w = s[3] / bs;
                int[] os = {s[0], c * bs * bs, h, w};
                Object src = x.array();
                Object dst = x.newArray(x.size());
                for (int n = 0; n < s[0]; n++) {
                    for (int ch = 0; ch < c; ch++) {
                        for (int y = 0; y < s[2]; y++) {
                            for (int xx = 0; xx < s[3]; xx++) {
                                int block = (y % bs) * bs + xx % bs;
                                int cout = blocksFirst ? block * c + ch : ch * bs * bs + block;
                                int to = ((n * os[1] + cout) * h + y / bs) * w + xx / bs;
                                System.arraycopy(src, ((n * c + ch) * s[2] + y) * s[3] + xx, dst, to, 1);
                            }
                        }
                    }
                }
                return new Value[] {x.withData(os, dst)};
            };
        };
    }

    private static int[] require4d(Value x, String op) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + " needs a 4-D input, got " + Dims.format(x.shape()));
        }
        return x.shape();
    }
}
