package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.BroadcastIndex;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Normalizations ONNX defines and OpenVINO spells as MVN plus arithmetic, kept whole so the ONNX outputs exist:
 * LayerNormalization-17 (over the axes from {@code axis} on; outputs Y, Mean, InvStdDev; scale and bias broadcast to
 * X), InstanceNormalization (per sample and channel over the spatial axes, per-channel scale and bias), and LRN-1
 * over the channel axis ({@code alpha / size}, ONNX's window). Statistics in double.
 */
final class LayerNormalizationKernels {
    private LayerNormalizationKernels() {
    }

    static KernelFactory layerNormalization() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            long axisAttr = a.longValue("axis", -1);
            double eps = a.doubleValue("epsilon", 1e-5);
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int axis = Dims.axis(axisAttr, s.length);
                int outer = Dims.product(s, 0, axis);
                int n = Dims.product(s, axis, s.length);
                float[] v = x.floats();
                float[] scale = in[1].floats();
                BroadcastIndex si = new BroadcastIndex(s, in[1].shape());
                float[] bias = in.length > 2 && in[2] != null ? in[2].floats() : null;
                BroadcastIndex bi = bias == null ? null : new BroadcastIndex(s, in[2].shape());
                float[] y = new float[v.length];
                float[] means = new float[outer];
                float[] inv = new float[outer];
                for (int o = 0; o < outer; o++) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += v[o * n + j];
                    }
                    double mean = sum / n;
                    double sq = 0;
                    for (int j = 0; j < n; j++) {
                        double d = v[o * n + j] - mean;
                        sq += d * d;
                    }
                    double r = 1 / Math.sqrt(sq / n + eps);
                    means[o] = (float) mean;
                    inv[o] = (float) r;
                    for (int j = 0; j < n; j++) {
                        int e = o * n + j;
                        double t = (v[e] - mean) * r * scale[si.of(e)];
                        y[e] = (float) (bias == null ? t : t + bias[bi.of(e)]);
                    }
                }
                int[] ss = s.clone();
                for (int d = axis; d < s.length; d++) {
                    ss[d] = 1;
                }
                return new Value[] {Value.ofFloats(s, y), Value.ofFloats(ss, means), Value.ofFloats(ss, inv)};
            };
        };
    }

    static KernelFactory instanceNormalization() {
        return (node, cc) -> {
            double eps = new NodeAttributes(node).doubleValue("epsilon", 1e-5);
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int channels = s[1];
                int plane = Dims.product(s, 2, s.length);
                float[] v = x.floats();
                float[] scale = in[1].floats();
                float[] bias = in[2].floats();
                float[] y = new float[v.length];
                for (int p = 0; p < s[0] * channels; p++) {
                    int c = p % channels;
                    double sum = 0;
                    for (int j = 0; j < plane; j++) {
                        sum += v[p * plane + j];
                    }
                    double mean = sum / plane;
                    double sq = 0;
                    for (int j = 0; j < plane; j++) {
                        double d = v[p * plane + j] - mean;
                        sq += d * d;
                    }
                    double r = 1 / Math.sqrt(sq / plane + eps);
                    for (int j = 0; j < plane; j++) {
                        y[p * plane + j] = (float) ((v[p * plane + j] - mean) * r * scale[c] + bias[c]);
                    }
                }
                return new Value[] {Value.ofFloats(s, y)};
            };
        };
    }

    /** LRN-1 over axis 1 (the only axes ONNX's LRN has): {@code x / (bias + alpha / size * sum x^2)^beta}. */
    static KernelFactory lrn() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            double alpha = a.doubleValue("alpha", 1e-4);
            double beta = a.doubleValue("beta", 0.75);
            double bias = a.doubleValue("bias", 1.0);
            int size = (int) a.longValue("size", 1);
            return (in, ctx) -> {
                Value x = in[0];
                long[] axes = in.length > 1 && in[1] != null ? in[1].longs() : new long[] {1};
                if (axes.length != 1 || Dims.axis(axes[0], x.rank()) != 1) {
                    throw new IllegalArgumentException("LRN over axes other than [1] is not supported");
                }
                int[] s = x.shape();
                int channels = s[1];
                int plane = Dims.product(s, 2, s.length);
                float[] v = x.floats();
                float[] y = new float[v.length];
                int before = (size - 1) / 2;
                int after = size - 1 - before;
                for (int b = 0; b < s[0]; b++) {
                    for (int c = 0; c < channels; c++) {
                        for (int p = 0; p < plane; p++) {
                            double sq = 0;
                            for (int k = Math.max(0, c - before); k <= Math.min(channels - 1, c + after); k++) {
                                double t = v[(b * channels + k) * plane + p];
                                sq += t * t;
                            }
                            int e = (b * channels + c) * plane + p;
                            y[e] = (float) (v[e] / Math.pow(bias + alpha / size * sq, beta));
                        }
                    }
                }
                return new Value[] {Value.ofFloats(s, y)};
            };
        };
    }
}
