package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/** SoftMax-1/8 and LogSoftmax-5 along {@code axis}, max-subtracted for stability. */
final class SoftMaxKernel {
    private SoftMaxKernel() {
    }

    /** SoftMax, or LogSoftmax ({@code x - max - ln sum e^(x - max)}) when {@code log}. */
    static KernelFactory factory(boolean log) {
        return (node, cc) -> {
            long axisAttr = new NodeAttributes(node).longValue("axis", 1);
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int axis = Dims.axis(axisAttr, s.length);
                int outer = Dims.product(s, 0, axis);
                int d = s[axis];
                int inner = Dims.product(s, axis + 1, s.length);
                float[] src = x.floats();
                float[] out = ctx.floats(src.length);
                ctx.parallel().forRange(outer * inner, 256, (from, to) -> {
                    for (int p = from; p < to; p++) {
                        int o = p / inner;
                        int i = p % inner;
                        int base = o * d * inner + i;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < d; j++) {
                            max = Math.max(max, src[base + j * inner]);
                        }
                        double sum = 0;
                        if (log) {
                            for (int j = 0; j < d; j++) {
                                sum += Math.exp(src[base + j * inner] - max);
                            }
                            float lse = (float) Math.log(sum);
                            for (int j = 0; j < d; j++) {
                                out[base + j * inner] = src[base + j * inner] - max - lse;
                            }
                            continue;
                        }
                        for (int j = 0; j < d; j++) {
                            float e = (float) Math.exp(src[base + j * inner] - max);
                            out[base + j * inner] = e;
                            sum += e;
                        }
                        float inv = (float) (1.0 / sum);
                        for (int j = 0; j < d; j++) {
                            out[base + j * inner] *= inv;
                        }
                    }
                });
                return new Value[] {Value.ofFloats(s, out)};
            };
        };
    }
}
