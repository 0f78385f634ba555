package org.pot4j.engine.reference.gna;

import java.util.Optional;
import java.util.Set;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.ops.CompileContext;
import org.pot4j.engine.reference.ops.KernelFactory;
import org.pot4j.engine.reference.ops.OpKernel;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * GNA's affine layer for a MatMul between FakeQuantizes: {@code A[..., K] x B[K, N]} (B constant, {@code transpose_b}
 * allowed) whose A comes from a per-tensor activation FakeQuantize (through Reshape-like ops) and whose B is a
 * FakeQuantize on constant weights. At run time each input value is turned into its int16 level
 * {@code q = rint(a / s_in)} ({@code s_in = (oh - ol) / (L - 1)}), each weight into its int8 (at most 255 levels)
 * or int16 level {@code rint(w / s_w[n])}; the products are summed exactly (in a long) and the sum saturated to the
 * int32 range, as GNA's accumulator, counting the saturated ones; the result is dequantized as
 * {@code acc * s_in * s_w[n]} in double and stored as f32. Any other MatMul runs the reference engine's float kernel
 * (the reason is recorded in {@link GnaCounters#floatOps()}).
 */
final class GnaAffineKernel implements OpKernel {
    /** Ops a quantized activation passes through unchanged on its way to the MatMul. */
    private static final Set<String> VALUE_PRESERVING = Set.of(OpKinds.RESHAPE, OpKinds.SQUEEZE, OpKinds.UNSQUEEZE,
            OpKinds.FLATTEN, OpKinds.TRANSPOSE, OpKinds.SPLIT, OpKinds.VARIADIC_SPLIT, OpKinds.STRIDED_SLICE);
    private static final long INT32_MAX = Integer.MAX_VALUE;
    private static final long INT32_MIN = Integer.MIN_VALUE;

    private final String name;
    private final double inScale;
    private final int k;
    private final int n;
    /** Weight levels, {@code [N][K]} row-major. */
    private final int[] weights;
    /** Per output column {@code s_in * s_w[n]}. */
    private final double[] outScale;
    private final GnaCounters counters;

    private GnaAffineKernel(String name, double inScale, int k, int n, int[] weights, double[] outScale,
                            GnaCounters counters) {
        this.name = name;
        this.inScale = inScale;
        this.k = k;
        this.n = n;
        this.weights = weights;
        this.outScale = outScale;
        this.counters = counters;
    }

    /** The MatMul factory: integer affine layers where the pattern holds, {@code floatMatMul} elsewhere. */
    static KernelFactory factory(GnaCounters counters, KernelFactory floatMatMul) {
        return (Node node, CompileContext cc) -> {
            try {
                return compile(node, cc, counters);
            } catch (NotAffine e) {
                counters.floatOp(node.name(), e.getMessage());
                return floatMatMul.create(node, cc);
            }
        };
    }

    private static GnaAffineKernel compile(Node node, CompileContext cc, GnaCounters counters) throws NotAffine {
        Graph g = cc.graph().orElseThrow(() -> new NotAffine("no graph at compile time"));
        if (node.attributes().booleanValue("transpose_a", false)) {
            throw new NotAffine("transpose_a");
        }
        boolean tb = node.attributes().booleanValue("transpose_b", false);
        Value b = cc.constantInput(1).filter(v -> v.isFloat() && v.rank() == 2)
                .orElseThrow(() -> new NotAffine("the weights are not a constant 2-D matrix"));
        Node inFq = activationQuantizer(g, node);
        Node wFq = g.producer(node, 1).filter(p -> OpKinds.FAKE_QUANTIZE.equals(p.kind()))
                .orElseThrow(() -> new NotAffine("the weights are not behind a FakeQuantize"));
        // activations: one scale, levels that fit int16 with zero on the grid
        long inLevels = wFqLevels(inFq);
        float[] iol = range(g, inFq, 3);
        float[] ioh = range(g, inFq, 4);
        if (iol.length != 1 || ioh.length != 1) {
            throw new NotAffine("the input quantizer '" + inFq.name() + "' is per channel");
        }
        double sIn = ((double) ioh[0] - iol[0]) / (inLevels - 1);
        long low = zeroOnGrid(iol[0], sIn, inFq);
        if (low < Short.MIN_VALUE || low + inLevels - 1 > Short.MAX_VALUE) {
            throw new NotAffine("the input quantizer '" + inFq.name() + "' has levels " + low + ".."
                    + (low + inLevels - 1) + ", outside int16");
        }
        int rows = b.dim(0);
        int cols = b.dim(1);
        int kk = tb ? cols : rows;
        int nn = tb ? rows : cols;
        long wLevels = wFqLevels(wFq);
        float[] wol = range(g, wFq, 3);
        float[] woh = range(g, wFq, 4);
        if ((wol.length != 1 && wol.length != nn) || wol.length != woh.length) {
            throw new NotAffine("the weight quantizer '" + wFq.name() + "' has " + wol.length
                    + " ranges for " + nn + " output columns");
        }
        float[] w = b.floats();
        int[] q = new int[kk * nn];
        double[] scale = new double[nn];
        int bound = wLevels <= 256 ? 127 : Short.MAX_VALUE;
        int maxAbs = 0;
        for (int c = 0; c < nn; c++) {
            int r = wol.length == 1 ? 0 : c;
            double sW = ((double) woh[r] - wol[r]) / (wLevels - 1);
            zeroOnGrid(wol[r], sW, wFq);
            scale[c] = sIn * sW;
            for (int j = 0; j < kk; j++) {
                float v = tb ? w[c * cols + j] : w[j * cols + c];
                long level = sW == 0 ? 0 : Math.round(Math.rint(v / sW));
                if (Math.abs(level) > bound + 1) {
                    throw new NotAffine("weight " + v + " is level " + level + " of '" + wFq.name()
                            + "', outside int" + (bound == 127 ? 8 : 16));
                }
                q[c * kk + j] = (int) level;
                maxAbs = Math.max(maxAbs, (int) Math.abs(level));
            }
        }
        String precision = "int16 x int" + (bound == 127 ? 8 : 16) + " -> int32 (" + inLevels + " x " + wLevels
                + " levels, largest weight level " + maxAbs + ")";
        counters.integerOp(node.name(), precision);
        return new GnaAffineKernel(node.name(), sIn, kk, nn, q, scale, counters);
    }

    /**
     * The activation FakeQuantize feeding input 0, through ops that keep values (a Concat through all its inputs,
     * whose quantizers must then have one range, as POT's unified Concat inputs).
     */
    private static Node activationQuantizer(Graph g, Node node) throws NotAffine {
        java.util.List<Node> found = new java.util.ArrayList<>();
        java.util.Deque<Node> queue = new java.util.ArrayDeque<>();
        g.producer(node, 0).ifPresent(queue::add);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            Node at = queue.poll();
            if (!seen.add(at.name())) {
                continue;
            }
            if (OpKinds.FAKE_QUANTIZE.equals(at.kind())) {
                found.add(at);
                continue;
            }
            boolean concat = OpKinds.CONCAT.equals(at.kind());
            if (!concat && !VALUE_PRESERVING.contains(at.kind())) {
                throw new NotAffine("the input is not behind a FakeQuantize (" + at.kind() + " '" + at.name()
                        + "' in between)");
            }
            for (int p = 0; p < (concat ? at.inputCount() : 1); p++) {
                g.producer(at, p).ifPresent(queue::add);
            }
        }
        if (found.isEmpty()) {
            throw new NotAffine("the input is not behind a FakeQuantize");
        }
        Node first = found.get(0);
        for (Node other : found) {
            if (wFqLevels(other) != wFqLevels(first) || !java.util.Arrays.equals(range(g, other, 3), range(g, first, 3))
                    || !java.util.Arrays.equals(range(g, other, 4), range(g, first, 4))) {
                throw new NotAffine("the Concat inputs are quantized with different ranges ('" + first.name()
                        + "', '" + other.name() + "')");
            }
        }
        return first;
    }

    private static long wFqLevels(Node fq) {
        return fq.attributes().longValue("levels", -1);
    }

    /** The constant at input {@code port} of {@code fq} (a Const, possibly behind a Convert). */
    private static float[] range(Graph g, Node fq, int port) throws NotAffine {
        Optional<Node> p = g.producer(fq, port);
        if (p.isPresent() && OpKinds.CONVERT.equals(p.get().kind())) {
            p = g.producer(p.get(), 0);
        }
        Tensor t = p.flatMap(Node::constantValue).orElseThrow(() -> new NotAffine("range input " + port + " of '"
                + fq.name() + "' is not a constant"));
        return t.toFloatArray();
    }

    /** The level of {@code ol} ({@code ol / s}), which must be an integer: zero lies on the grid. */
    private static long zeroOnGrid(double ol, double s, Node fq) throws NotAffine {
        if (s == 0) {
            return 0;
        }
        double level = ol / s;
        long rounded = Math.round(level);
        if (Math.abs(level - rounded) > 1e-3) {
            throw new NotAffine("zero is not on the grid of '" + fq.name() + "' (output_low / step = " + level + ")");
        }
        return rounded;
    }

    @Override
    public Value[] run(Value[] inputs, ExecContext ctx) {
        Value a = inputs[0];
        int[] shape = a.shape();
        if (shape.length == 0 || shape[shape.length - 1] != k) {
            throw new IllegalArgumentException("GNA affine '" + name + "': input shape " + java.util.Arrays.toString(shape)
                    + " does not end in K = " + k);
        }
        float[] x = a.floats();
        int rows = x.length / k;
        float[] out = new float[rows * n];
        int[] qa = new int[k];
        long saturated = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < k; j++) {
                long level = Math.round(Math.rint(x[r * k + j] / inScale));
                qa[j] = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, level));
            }
            for (int c = 0; c < n; c++) {
                long acc = 0;
                int base = c * k;
                for (int j = 0; j < k; j++) {
                    acc += (long) qa[j] * weights[base + j];
                }
                if (acc > INT32_MAX) {
                    acc = INT32_MAX;
                    saturated++;
                } else if (acc < INT32_MIN) {
                    acc = INT32_MIN;
                    saturated++;
                }
                out[r * n + c] = (float) (acc * outScale[c]);
            }
        }
        counters.add((long) rows * n, saturated);
        int[] outShape = shape.clone();
        outShape[outShape.length - 1] = n;
        return new Value[] {Value.ofFloats(outShape, out)};
    }

    /** The MatMul is not a quantized affine layer; the message says why. */
    private static final class NotAffine extends Exception {
        NotAffine(String message) {
            super(message, null, false, false);
        }
    }
}
