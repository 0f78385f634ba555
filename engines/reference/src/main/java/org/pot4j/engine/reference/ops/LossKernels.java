package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * ONNX's training losses (OpenVINO has none), so that exported graphs that keep them still run:
 * NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (log-softmax over axis 1, then the same loss; second output
 * the log-probabilities). Input {@code [N, C, d...]}, target {@code [N, d...]}, optional per-class weight;
 * {@code reduction} none/sum/mean (mean divides by the summed weights of the counted targets); targets equal to
 * {@code ignore_index} count nothing.
 */
final class LossKernels {
    private LossKernels() {
    }

    static KernelFactory negativeLogLikelihood() {
        return (node, cc) -> {
            Settings s = new Settings(new NodeAttributes(node));
            return (in, ctx) -> new Value[] {loss(in[0], in[1], in.length > 2 ? in[2] : null, s)};
        };
    }

    static KernelFactory softmaxCrossEntropy() {
        return (node, cc) -> {
            Settings s = new Settings(new NodeAttributes(node));
            return (in, ctx) -> {
                Value logProb = logSoftmaxAxis1(in[0]);
                return new Value[] {loss(logProb, in[1], in.length > 2 ? in[2] : null, s), logProb};
            };
        };
    }

    private record Settings(String reduction, boolean hasIgnore, long ignoreIndex) {
        Settings(NodeAttributes a) {
            this(a.string("reduction", "mean"), a.has("ignore_index"), a.longValue("ignore_index", 0));
        }
    }

    private static Value logSoftmaxAxis1(Value x) {
        int[] s = x.shape();
        int c = s[1];
        int inner = Dims.product(s, 2, s.length);
        float[] v = x.floats();
        float[] out = new float[v.length];
        for (int n = 0; n < s[0]; n++) {
            for (int i = 0; i < inner; i++) {
                int base = n * c * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    max = Math.max(max, v[base + j * inner]);
                }
                double sum = 0;
                for (int j = 0; j < c; j++) {
                    sum += Math.exp(v[base + j * inner] - max);
                }
                double lse = max + Math.log(sum);
                for (int j = 0; j < c; j++) {
                    out[base + j * inner] = (float) (v[base + j * inner] - lse);
                }
            }
        }
        return Value.ofFloats(s, out);
    }

    private static Value loss(Value input, Value target, Value weight, Settings st) {
        int[] s = input.shape();
        int c = s[1];
        int inner = Dims.product(s, 2, s.length);
        float[] x = input.floats();
        long[] t = target.longs();
        float[] w = weight == null ? null : weight.floats();
        float[] each = new float[t.length];
        double sum = 0;
        double weights = 0;
        for (int n = 0; n < s[0]; n++) {
            for (int i = 0; i < inner; i++) {
                int e = n * inner + i;
                long cls = t[e];
                if (st.hasIgnore() && cls == st.ignoreIndex()) {
                    continue;
                }
                if (cls < 0 || cls >= c) {
                    throw new IllegalArgumentException("target " + cls + " is outside [0, " + c + ")");
                }
                double wt = w == null ? 1 : w[(int) cls];
                double l = -x[(n * c + (int) cls) * inner + i] * wt;
                each[e] = (float) l;
                sum += l;
                weights += wt;
            }
        }
        switch (st.reduction()) {
            case "none":
                return Value.ofFloats(target.shape(), each);
            case "sum":
                return Value.ofFloats(new int[0], new float[] {(float) sum});
            case "mean":
                return Value.ofFloats(new int[0], new float[] {(float) (sum / weights)});
            default:
                throw new IllegalArgumentException("unsupported reduction '" + st.reduction() + "'");
        }
    }
}
