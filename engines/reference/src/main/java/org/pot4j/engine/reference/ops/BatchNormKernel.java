package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Value;

/**
 * BatchNormInference-5 (data, gamma, beta, mean, variance) over axis 1; the opset-1 order (gamma, beta, data, mean,
 * variance) is recognised by the 1-D first input.
 */
final class BatchNormKernel {
    private BatchNormKernel() {
    }

    static KernelFactory factory() {
        return (node, cc) -> {
            float eps = (float) new NodeAttributes(node).doubleValue("epsilon", 1e-5);
            return (in, ctx) -> {
                boolean dataFirst = !(in[0].rank() == 1 && in[2].rank() > 1);
                Value x = dataFirst ? in[0] : in[2];
                float[] gamma = (dataFirst ? in[1] : in[0]).floats();
                float[] beta = (dataFirst ? in[2] : in[1]).floats();
                float[] mean = in[3].floats();
                float[] var = in[4].floats();
                int[] s = x.shape();
                int c = s.length > 1 ? s[1] : s[0];
                int inner = 1;
                for (int d = 2; d < s.length; d++) {
                    inner *= s[d];
                }
                float[] src = x.floats();
                float[] out = ctx.floats(src.length);
                int innerF = inner;
                int outer = src.length / (c * inner);
                ctx.parallel().forRange(outer * c, 1, (from, to) -> {
                    for (int p = from; p < to; p++) {
                        int ch = p % c;
                        float scale = gamma[ch] / (float) Math.sqrt(var[ch] + eps);
                        float shift = beta[ch] - mean[ch] * scale;
                        int o = p * innerF;
                        for (int i = 0; i < innerF; i++) {
                            out[o + i] = src[o + i] * scale + shift;
                        }
                    }
                });
                return new Value[] {Value.ofFloats(s, out)};
            };
        };
    }
}
