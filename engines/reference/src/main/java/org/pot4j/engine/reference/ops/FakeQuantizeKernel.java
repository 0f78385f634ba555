package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.runtime.Broadcasting;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * FakeQuantize-1: {@code x <= min(il,ih) -> ol; x > max(il,ih) -> oh; else
 * round((x-il)/(ih-il)*(L-1))/(L-1)*(oh-ol)+ol}, rounding half to even (OpenVINO's {@code nearbyint}), with the four
 * range inputs numpy-broadcast to x. This engine is the oracle for these semantics.
 */
final class FakeQuantizeKernel implements OpKernel {
    private final int levels;

    private FakeQuantizeKernel(int levels) {
        this.levels = levels;
    }

    static KernelFactory factory() {
        return (Node node, CompileContext cc) -> {
            long levels = new NodeAttributes(node).longValue("levels", -1);
            if (levels < 2 || levels > 65536) {
                throw new IllegalArgumentException("levels must be in 2..65536, got " + levels);
            }
            String bc = new NodeAttributes(node).string("auto_broadcast", "numpy");
            if (!bc.equals("numpy")) {
                throw new IllegalArgumentException("unsupported auto_broadcast '" + bc + "'");
            }
            return new FakeQuantizeKernel((int) levels);
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
        float[][] ranges = new float[4][];
        boolean allScalar = true;
        for (int i = 0; i < 4; i++) {
            allScalar &= in[i + 1].size() == 1;
        }
        if (allScalar) {
            float il = in[1].floats()[0];
            float ih = in[2].floats()[0];
            float ol = in[3].floats()[0];
            float oh = in[4].floats()[0];
            ctx.parallel().forRange(src.length, 32768, (from, to) -> {
                for (int e = from; e < to; e++) {
                    out[e] = quantize(src[e], il, ih, ol, oh, levels);
                }
            });
        } else {
            for (int i = 0; i < 4; i++) {
                ranges[i] = Broadcasting.expand(in[i + 1].floats(), in[i + 1].shape(), shape);
            }
            ctx.parallel().forRange(src.length, 32768, (from, to) -> {
                for (int e = from; e < to; e++) {
                    out[e] = quantize(src[e], ranges[0][e], ranges[1][e], ranges[2][e], ranges[3][e], levels);
                }
            });
        }
        return new Value[] {Value.ofFloats(shape, out)};
    }

    static float quantize(float x, float il, float ih, float ol, float oh, int levels) {
        if (x <= Math.min(il, ih)) {
            return ol;
        }
        if (x > Math.max(il, ih)) {
            return oh;
        }
        float q = (float) Math.rint((x - il) / (ih - il) * (levels - 1));
        return q / (levels - 1) * (oh - ol) + ol;
    }
}
