package org.pot4j.engine.reference.ops;

import java.util.Arrays;
import java.util.Comparator;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * TopK-11: the {@code k} largest ({@code mode: max}) or smallest elements along {@code axis}, values and i64 indices;
 * equal values keep the lower index first (ONNX's rule, OpenVINO's {@code stable}). {@code sort: index} orders the
 * chosen elements by index, {@code value} and {@code none} by value.
 */
final class TopKKernel {
    private TopKKernel() {
    }

    static KernelFactory factory() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            long axisAttr = a.longValue("axis", -1);
            boolean largest = a.string("mode", "max").equals("max");
            boolean byIndex = a.string("sort", "value").equals("index");
            return (in, ctx) -> {
                Value x = in[0];
                int[] s = x.shape();
                int axis = Dims.axis(axisAttr, s.length);
                long kl = in[1].longs()[0];
                int n = s[axis];
                if (kl < 0 || kl > n) {
                    throw new IllegalArgumentException("TopK k " + kl + " is outside [0, " + n + "]");
                }
                int k = (int) kl;
                int outer = Dims.product(s, 0, axis);
                int inner = Dims.product(s, axis + 1, s.length);
                float[] v = x.floats();
                int[] os = s.clone();
                os[axis] = k;
                int count = outer * k * inner;
                float[] values = new float[count];
                long[] indices = new long[count];
                Integer[] order = new Integer[n];
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        int base = o * n * inner + i;
                        for (int j = 0; j < n; j++) {
                            order[j] = j;
                        }
                        Comparator<Integer> byValue = (p, q) -> {
                            int c = Float.compare(v[base + p * inner], v[base + q * inner]);
                            return largest ? -c : c;
                        };
                        Arrays.sort(order, byValue.thenComparing(Comparator.naturalOrder()));
                        Integer[] chosen = Arrays.copyOf(order, k);
                        if (byIndex) {
                            Arrays.sort(chosen);
                        }
                        for (int j = 0; j < k; j++) {
                            int at = (o * k + j) * inner + i;
                            values[at] = v[base + chosen[j] * inner];
                            indices[at] = chosen[j];
                        }
                    }
                }
                Value vals = x.isFloat() ? Value.ofFloats(os, values) : Value.ofLongs(os, Value.ofFloats(os, values).longs());
                return new Value[] {vals, Value.ofLongs(os, indices)};
            };
        };
    }
}
