package org.pot4j.engine.reference.ops;

import java.util.Arrays;
import java.util.List;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * ONNX's LSTM, GRU and RNN with ONNX's layout and gate order (OpenVINO's *Sequence ops put the batch first and order
 * LSTM gates f,i,c,o): inputs X, W, R, B, sequence_lens, initial_h (, initial_c, P for LSTM); attributes
 * {@code direction} (forward, reverse, bidirectional), {@code hidden_size}, {@code activations} with their
 * alpha/beta, {@code clip}, {@code layout}, LSTM's {@code input_forget}, GRU's {@code linear_before_reset}.
 * Outputs Y, Y_h (, Y_c). Steps past a sequence's length give zeros in Y and keep the state. Sums in double.
 */
final class RecurrentKernel implements OpKernel {
    /** The cell: gates per step and default activations per direction. */
    enum Cell {
        LSTM(4, List.of("Sigmoid", "Tanh", "Tanh")),
        GRU(3, List.of("Sigmoid", "Tanh")),
        RNN(1, List.of("Tanh"));

        final int gates;
        final List<String> defaults;

        Cell(int gates, List<String> defaults) {
            this.gates = gates;
            this.defaults = defaults;
        }
    }

    private final Cell cell;
    private final int dirs;
    private final boolean reverseOnly;
    private final int hidden;
    private final List<RecurrentActivation> activations;
    private final double clip;
    private final boolean batchFirst;
    private final boolean inputForget;
    private final boolean linearBeforeReset;

    @SuppressWarnings("unchecked")
    private RecurrentKernel(Cell cell, NodeAttributes a, org.pot4j.api.graph.Attributes raw) {
        this.cell = cell;
        String direction = a.string("direction", "forward");
        switch (direction) {
            case "forward": dirs = 1; reverseOnly = false; break;
            case "reverse": dirs = 1; reverseOnly = true; break;
            case "bidirectional": dirs = 2; reverseOnly = false; break;
            default: throw new IllegalArgumentException("unsupported direction '" + direction + "'");
        }
        this.hidden = (int) a.longValue("hidden_size", -1);
        List<String> names = (List<String>) raw.raw("activations").filter(List.class::isInstance).orElse(null);
        if (names == null || names.isEmpty()) {
            names = dirs == 2 ? concat(cell.defaults, cell.defaults) : cell.defaults;
        }
        if (names.size() != cell.defaults.size() * dirs) {
            throw new IllegalArgumentException(cell + " needs " + cell.defaults.size() * dirs + " activations, got "
                    + names);
        }
        this.activations = RecurrentActivation.of(names, raw.doubles("activation_alpha").orElse(null),
                raw.doubles("activation_beta").orElse(null));
        this.clip = a.doubleValue("clip", 0);
        this.batchFirst = a.longValue("layout", 0) != 0;
        this.inputForget = a.longValue("input_forget", 0) != 0;
        this.linearBeforeReset = a.longValue("linear_before_reset", 0) != 0;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new java.util.ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    static KernelFactory factory(Cell cell) {
        return (node, cc) -> new RecurrentKernel(cell, new NodeAttributes(node), node.attributes());
    }

    private static Value input(Value[] in, int i) {
        return i < in.length ? in[i] : null;
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        int g = cell.gates;
        int seq = batchFirst ? x.dim(1) : x.dim(0);
        int batch = batchFirst ? x.dim(0) : x.dim(1);
        int inSize = x.dim(2);
        int h = hidden > 0 ? hidden : in[2].dim(2);
        float[] xs = x.floats();
        float[] w = in[1].floats();
        float[] r = in[2].floats();
        Value b = input(in, 3);
        float[] bias = b == null ? new float[dirs * 2 * g * h] : b.floats();
        Value lens = input(in, 4);
        long[] lengths = lens == null ? null : lens.longs();
        Value h0 = input(in, 5);
        Value c0 = cell == Cell.LSTM ? input(in, 6) : null;
        Value p = cell == Cell.LSTM ? input(in, 7) : null;
        float[] peep = p == null ? new float[dirs * 3 * h] : p.floats();
        float[] y = new float[seq * dirs * batch * h];
        float[] yh = new float[dirs * batch * h];
        float[] yc = new float[dirs * batch * h];
        int acts = cell.defaults.size();
        for (int d = 0; d < dirs; d++) {
            boolean reverse = reverseOnly || d == 1;
            List<RecurrentActivation> f = activations.subList(d * acts, (d + 1) * acts);
            int wOff = d * g * h * inSize;
            int rOff = d * g * h * h;
            int bOff = d * 2 * g * h;
            for (int n = 0; n < batch; n++) {
                double[] state = new double[h];
                double[] cstate = new double[h];
                for (int j = 0; j < h; j++) {
                    state[j] = h0 == null ? 0 : h0.floats()[stateIndex(d, n, j, batch, h)];
                    cstate[j] = c0 == null ? 0 : c0.floats()[stateIndex(d, n, j, batch, h)];
                }
                int len = lengths == null ? seq : (int) Math.min(seq, lengths[n]);
                for (int step = 0; step < len; step++) {
                    int t = reverse ? len - 1 - step : step;
                    int xBase = batchFirst ? (n * seq + t) * inSize : (t * batch + n) * inSize;
                    double[] xw = new double[g * h];
                    double[] hr = new double[g * h];
                    for (int q = 0; q < g * h; q++) {
                        double sx = bias[bOff + q];
                        for (int k = 0; k < inSize; k++) {
                            sx += xs[xBase + k] * (double) w[wOff + q * inSize + k];
                        }
                        xw[q] = sx;
                        double sh = bias[bOff + g * h + q];
                        for (int k = 0; k < h; k++) {
                            sh += state[k] * r[rOff + q * h + k];
                        }
                        hr[q] = sh;
                    }
                    double[] next = new double[h];
                    switch (cell) {
                        case LSTM:
                            lstmStep(xw, hr, state, cstate, next, peep, d * 3 * h, f, h);
                            break;
                        case GRU:
                            gruStep(xw, hr, state, next, r, rOff, bias, bOff, f, h);
                            break;
                        default:
                            for (int j = 0; j < h; j++) {
                                next[j] = f.get(0).apply(clip(xw[j] + hr[j]));
                            }
                            break;
                    }
                    state = next;
                    for (int j = 0; j < h; j++) {
                        int yi = batchFirst ? ((n * seq + t) * dirs + d) * h + j : ((t * dirs + d) * batch + n) * h + j;
                        y[yi] = (float) state[j];
                    }
                }
                for (int j = 0; j < h; j++) {
                    yh[stateIndex(d, n, j, batch, h)] = (float) state[j];
                    yc[stateIndex(d, n, j, batch, h)] = (float) cstate[j];
                }
            }
        }
        int[] yShape = batchFirst ? new int[] {batch, seq, dirs, h} : new int[] {seq, dirs, batch, h};
        int[] sShape = batchFirst ? new int[] {batch, dirs, h} : new int[] {dirs, batch, h};
        Value[] out = new Value[cell == Cell.LSTM ? 3 : 2];
        out[0] = Value.ofFloats(yShape, y);
        out[1] = Value.ofFloats(sShape, yh);
        if (cell == Cell.LSTM) {
            out[2] = Value.ofFloats(sShape, yc);
        }
        return out;
    }

    private int stateIndex(int d, int n, int j, int batch, int h) {
        return batchFirst ? (n * dirs + d) * h + j : (d * batch + n) * h + j;
    }

    private double clip(double v) {
        return clip > 0 ? Math.max(-clip, Math.min(clip, v)) : v;
    }

    /** ONNX gate order i, o, f, c; peepholes i, o, f. */
    private void lstmStep(double[] xw, double[] hr, double[] state, double[] cstate, double[] next, float[] peep,
                          int pOff, List<RecurrentActivation> f, int h) {
        double[] c = Arrays.copyOf(cstate, h);
        for (int j = 0; j < h; j++) {
            double i = f.get(0).apply(clip(xw[j] + hr[j] + peep[pOff + j] * c[j]));
            double fg = inputForget ? 1 - i : f.get(0).apply(clip(xw[2 * h + j] + hr[2 * h + j] + peep[pOff + 2 * h + j] * c[j]));
            double cand = f.get(1).apply(clip(xw[3 * h + j] + hr[3 * h + j]));
            double ct = fg * c[j] + i * cand;
            double o = f.get(0).apply(clip(xw[h + j] + hr[h + j] + peep[pOff + h + j] * ct));
            cstate[j] = ct;
            next[j] = o * f.get(2).apply(ct);
        }
    }

    /** ONNX gate order z, r, h; the hidden gate's recurrence after (default) or before the reset. */
    private void gruStep(double[] xw, double[] hr, double[] state, double[] next, float[] r, int rOff, float[] bias,
                         int bOff, List<RecurrentActivation> f, int h) {
        double[] z = new double[h];
        double[] reset = new double[h];
        for (int j = 0; j < h; j++) {
            z[j] = f.get(0).apply(clip(xw[j] + hr[j]));
            reset[j] = f.get(0).apply(clip(xw[h + j] + hr[h + j]));
        }
        for (int j = 0; j < h; j++) {
            double rec;
            if (linearBeforeReset) {
                rec = reset[j] * hr[2 * h + j];
            } else {
                double s = bias[bOff + 3 * h + 2 * h + j];
                for (int k = 0; k < h; k++) {
                    s += reset[k] * state[k] * r[rOff + (2 * h + j) * h + k];
                }
                rec = s;
            }
            double cand = f.get(1).apply(clip(xw[2 * h + j] + rec));
            next[j] = (1 - z[j]) * cand + z[j] * state[j];
        }
    }
}
