package org.pot4j.engine.reference.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Einsum-7 ({@code equation}): any number of operands, explicit ({@code ->}) or implicit output (labels seen once,
 * alphabetical), repeated labels (diagonals), and {@code ...} (broadcast numpy-style). Every output element sums the
 * product over the labels the output lacks, in double. A malformed equation fails at compile time, naming it.
 */
final class EinsumKernel implements OpKernel {
    /** Label ids: letters are their char; the i-th axis an ellipsis stands for counted from the right is 1000 + i. */
    private static final int ELLIPSIS = 1000;

    private final String equation;
    private final List<String> terms;
    private final String output;

    private EinsumKernel(String equation) {
        this.equation = equation;
        String eq = equation.replace(" ", "");
        int arrow = eq.indexOf("->");
        String lhs = arrow < 0 ? eq : eq.substring(0, arrow);
        this.terms = List.of(lhs.split(",", -1));
        this.output = arrow < 0 ? null : eq.substring(arrow + 2);
        for (String t : terms) {
            check(t);
        }
        if (output != null) {
            check(output);
        }
    }

    private void check(String term) {
        String rest = term.replaceFirst("\\.\\.\\.", "");
        if (!rest.chars().allMatch(Character::isLetter)) {
            throw new IllegalArgumentException("Einsum equation '" + equation + "': term '" + term
                    + "' may hold only letters and one '...'");
        }
    }

    static KernelFactory factory() {
        return (node, cc) -> {
            String eq = node.attributes().string("equation", "");
            if (eq.isBlank()) {
                throw new IllegalArgumentException("Einsum needs an 'equation' attribute");
            }
            return new EinsumKernel(eq);
        };
    }

    /** The labels of {@code term} for an operand of rank {@code rank} (ellipsis expanded). */
    private int[] labels(String term, int rank, int ellipsisRank) {
        int dots = term.indexOf("...");
        String named = term.replace("...", "");
        int e = dots < 0 ? 0 : (rank < 0 ? ellipsisRank : rank - named.length());
        if (e < 0 || (dots < 0 && rank >= 0 && named.length() != rank)) {
            throw new IllegalArgumentException("Einsum equation '" + equation + "': term '" + term
                    + "' does not fit an operand of rank " + rank);
        }
        int[] out = new int[named.length() + e];
        int k = 0;
        for (int i = 0; i < term.length(); i++) {
            if (i == dots) {
                for (int j = e - 1; j >= 0; j--) {
                    out[k++] = ELLIPSIS + j;
                }
                i += 2;
            } else {
                out[k++] = term.charAt(i);
            }
        }
        return out;
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        if (in.length != terms.size()) {
            throw new IllegalArgumentException("Einsum equation '" + equation + "' has " + terms.size()
                    + " operands, the node " + in.length);
        }
        Map<Integer, Integer> sizes = new LinkedHashMap<>();
        int ellipsisRank = 0;
        int[][] opLabels = new int[in.length][];
        for (int k = 0; k < in.length; k++) {
            opLabels[k] = labels(terms.get(k), in[k].rank(), 0);
            for (int d = 0; d < opLabels[k].length; d++) {
                int l = opLabels[k][d];
                int n = in[k].dim(d);
                if (l >= ELLIPSIS) {
                    ellipsisRank = Math.max(ellipsisRank, l - ELLIPSIS + 1);
                }
                Integer old = sizes.get(l);
                if (old == null || old == 1) {
                    sizes.put(l, n);
                } else if (n != old && !(l >= ELLIPSIS && n == 1)) {
                    throw new IllegalArgumentException("Einsum equation '" + equation + "': label sizes " + old
                            + " and " + n + " differ");
                }
            }
        }
        int[] out;
        if (output != null) {
            out = labels(output, -1, ellipsisRank);
        } else {
            List<Integer> once = new ArrayList<>();
            for (int j = ellipsisRank - 1; j >= 0; j--) {
                once.add(ELLIPSIS + j);
            }
            Map<Integer, Integer> seen = new java.util.TreeMap<>();
            for (int[] ls : opLabels) {
                for (int l : ls) {
                    if (l < ELLIPSIS) {
                        seen.merge(l, 1, Integer::sum);
                    }
                }
            }
            seen.forEach((l, c) -> {
                if (c == 1) {
                    once.add(l);
                }
            });
            out = once.stream().mapToInt(Integer::intValue).toArray();
        }
        List<Integer> all = new ArrayList<>();
        for (int l : out) {
            if (!sizes.containsKey(l)) {
                throw new IllegalArgumentException("Einsum equation '" + equation + "': output label '"
                        + (char) l + "' is in no operand");
            }
            all.add(l);
        }
        for (int l : sizes.keySet()) {
            if (!all.contains(l)) {
                all.add(l);
            }
        }
        int na = all.size();
        int[] dims = new int[na];
        for (int i = 0; i < na; i++) {
            dims[i] = sizes.get(all.get(i));
        }
        int[][] strides = new int[in.length][na];
        for (int k = 0; k < in.length; k++) {
            int[] st = Dims.strides(in[k].shape());
            for (int d = 0; d < opLabels[k].length; d++) {
                if (in[k].dim(d) != 1 || dims[all.indexOf(opLabels[k][d])] == 1) {
                    strides[k][all.indexOf(opLabels[k][d])] += st[d];
                }
            }
        }
        int[] os = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            os[i] = dims[i];
        }
        int outCount = Dims.count(os);
        int sumCount = Dims.product(dims, out.length, na);
        float[][] data = new float[in.length][];
        for (int k = 0; k < in.length; k++) {
            data[k] = in[k].floats();
        }
        double[] acc = new double[outCount];
        int[] idx = new int[na];
        int[] off = new int[in.length];
        if (outCount > 0 && sumCount > 0) {
            for (int o = 0; o < outCount; o++) {
                for (int s = 0; s < sumCount; s++) {
                    double p = 1;
                    for (int k = 0; k < in.length; k++) {
                        p *= data[k][off[k]];
                    }
                    acc[o] += p;
                    // odometer over every label, the last fastest; the offsets follow incrementally
                    for (int d = na - 1; d >= 0; d--) {
                        idx[d]++;
                        for (int k = 0; k < in.length; k++) {
                            off[k] += strides[k][d];
                        }
                        if (idx[d] < dims[d]) {
                            break;
                        }
                        for (int k = 0; k < in.length; k++) {
                            off[k] -= strides[k][d] * dims[d];
                        }
                        idx[d] = 0;
                    }
                }
            }
        }
        float[] f = new float[outCount];
        for (int i = 0; i < outCount; i++) {
            f[i] = (float) acc[i];
        }
        Value r = Value.ofFloats(os, f);
        boolean integers = true;
        for (Value v : in) {
            integers &= !v.isFloat();
        }
        return new Value[] {integers ? Value.ofLongs(os, r.longs()) : r};
    }
}
