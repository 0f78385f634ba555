package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.Broadcasting;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * FakeQuantize-1: {@code x <= min(il,ih) -> ol; x > max(il,ih) -> oh; else
 * round((x-il)/(ih-il)*(L-1))/(L-1)*(oh-ol)+ol}, rounding half to even (OpenVINO's {@code nearbyint}), with the four
 * range inputs numpy-broadcast to x. This engine is the oracle for these semantics. Up to 65536 levels the float
 * loops compute it; more levels (GNA's 32-bit quantizers, 2^32 levels) are computed in double.
 */
final class FakeQuantizeKernel implements OpKernel {
    /** Levels above this are computed in double: the float loops are exact up to 65536 levels. */
    private static final long FLOAT_LOOP_LEVELS = 65536;
    private final long levels;

    private FakeQuantizeKernel(long levels) {
        this.levels = levels;
    }

    static KernelFactory factory() {
        return (Node node, CompileContext cc) -> {
            long levels = new NodeAttributes(node).longValue("levels", -1);
            if (levels < 2 || levels > (1L << 32)) {
                throw new IllegalArgumentException("levels must be in 2..2^32, got " + levels);
            }
            String bc = new NodeAttributes(node).string("auto_broadcast", "numpy");
            if (!bc.equals("numpy")) {
                throw new IllegalArgumentException("unsupported auto_broadcast '" + bc + "'");
            }
            return new FakeQuantizeKernel(levels);
        };
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        int[] shape = x.shape();
        for (int i = 1; i < 5; i++) {
            int[] b = Broadcasting.shape(shape, in[i].shape());
            if (!java.util.Arrays.equals(b, shape)) {
                throw new IllegalArgumentException("range input " + i + " of shape " + Dims.format(in[i].shape())
                        + " does not broadcast to the data shape " + Dims.format(shape));
            }
        }
        float[] src = x.floats();
        float[] out = ctx.floats(src.length);
        // the ranges vary along axes [0, last] only: per run of `inner` elements they are four scalars
        int rank = shape.length;
        int last = -1;
        for (int i = 1; i < 5; i++) {
            int[] rs = in[i].shape();
            for (int d = 0; d < rs.length; d++) {
                if (rs[d] != 1) {
                    last = Math.max(last, d + rank - rs.length);
                }
            }
        }
        int inner = Dims.product(shape, last + 1, rank);
        int rows = inner == 0 ? 0 : src.length / inner;
        int[] rowShape = java.util.Arrays.copyOf(shape, last + 1);
        int[][] strides = new int[4][];
        float[][] ranges = new float[4][];
        for (int i = 0; i < 4; i++) {
            ranges[i] = in[i + 1].floats();
            strides[i] = alignedStrides(in[i + 1].shape(), rowShape, rank);
        }
        FloatLoops loops = ctx.loops();
        int grain = Math.max(1, 32768 / Math.max(1, inner));
        int segLen = rows == 1 ? Math.max(8192, inner / (4 * ctx.parallel().threads())) : inner;
        int segs = inner == 0 ? 0 : (inner + segLen - 1) / segLen;
        ctx.parallel().forRange(rows * segs, grain, (from, to) -> {
            for (int t = from; t < to; t++) {
                int r = t / segs;
                int start = (t % segs) * segLen;
                int len = Math.min(segLen, inner - start);
                float[] v = new float[4];
                for (int i = 0; i < 4; i++) {
                    int off = 0;
                    int rem = r;
                    for (int d = rowShape.length - 1; d >= 0; d--) {
                        off += (rem % rowShape[d]) * strides[i][d];
                        rem /= rowShape[d];
                    }
                    v[i] = ranges[i][off];
                }
                int at = r * inner + start;
                if (levels <= FLOAT_LOOP_LEVELS) {
                    loops.fakeQuantize(src, at, out, at, len, v[0], v[1], v[2], v[3], (int) levels);
                } else {
                    wideFakeQuantize(src, out, at, len, v);
                }
            }
        });
        return new Value[] {Value.ofFloats(shape, out)};
    }

    /** FakeQuantize-1 in double for more than 65536 levels (rounding half to even, as the float loops). */
    private void wideFakeQuantize(float[] src, float[] out, int at, int len, float[] v) {
        double il = v[0];
        double ih = v[1];
        double ol = v[2];
        double oh = v[3];
        double steps = levels - 1;
        for (int i = at; i < at + len; i++) {
            double x = src[i];
            double y;
            if (x <= Math.min(il, ih)) {
                y = ol;
            } else if (x > Math.max(il, ih)) {
                y = oh;
            } else {
                y = Math.rint((x - il) / (ih - il) * steps) / steps * (oh - ol) + ol;
            }
            out[i] = (float) y;
        }
    }

    /** Strides of a range input (right-aligned to the data's rank) over the leading {@code rowShape} axes. */
    private static int[] alignedStrides(int[] rangeShape, int[] rowShape, int rank) {
        int[] out = new int[rowShape.length];
        int[] own = Dims.strides(rangeShape);
        for (int d = 0; d < rowShape.length; d++) {
            int rd = d - (rank - rangeShape.length);
            out[d] = rd >= 0 && rangeShape[rd] != 1 ? own[rd] : 0;
        }
        return out;
    }
}
