package org.pot4j.onnx;

import java.util.List;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.onnx.proto.OnnxMl.AttributeProto;

/**
 * Quantile reductions as graph nodes: numpy's linear quantile of the {@code n} reduced elements of a row needs only
 * the order statistics at {@code floor(h)} and the one after ({@code h = (n - 1) q}); TopK keeps the {@code k}
 * smallest (or, nearer the top, largest) of each row (before opset 11, whose TopK finds only the largest, the
 * smallest are the largest of the negated row), two Gathers pick the pair, and the interpolation runs in f64 as on
 * the host. Rows are made by a Transpose (channel axis first, when it is not axis 1) and a Reshape to
 * {@code [N, C, n]} or {@code [N, n]}.
 */
final class OnnxQuantileNodes {
    /** The most values TopK keeps per row; a quantile needing more is left to the host. */
    static final int MAX_K = 4096;
    /** The first default-domain opset whose TopK takes {@code largest} (11); before, the smallest are found negated. */
    private static final long TOPK_DIRECTION = 11;
    /** The first default-domain opset whose TopK takes {@code K} as an input (10) rather than an attribute. */
    private static final long TOPK_K_INPUT = 10;

    private final OnnxObservedOutputs graph;
    private final long opset;

    OnnxQuantileNodes(OnnxObservedOutputs graph, long opset) {
        this.graph = graph;
        this.opset = opset;
    }

    /** Which order statistics a quantile needs, and the cheaper TopK that yields them. */
    private record Plan(long k, boolean largest, long lowIndex, long highIndex, double fraction) {
        static Plan of(long n, double q) {
            double h = (n - 1) * q;
            long lo = Math.min((long) Math.floor(h), n - 1);
            long hi = Math.min(lo + 1, n - 1);
            double fraction = h - lo;
            // ascending rank r is index r of the k smallest, or index n - 1 - r of the k largest
            return hi + 1 <= n - lo ? new Plan(hi + 1, false, lo, hi, fraction)
                    : new Plan(n - lo, true, n - 1 - lo, n - 1 - hi, fraction);
        }
    }

    /** Whether {@code r} is computed in the graph for a tensor of {@code shape} (every reduction but quantiles is). */
    boolean computes(Reduction r, Shape shape) {
        if (!r.kind().isQuantile()) {
            return true;
        }
        long n = rowLength(r, shape);
        return n > 0 && Plan.of(n, r.quantile()).k() <= MAX_K;
    }

    /** The f64 {@code [N]} or {@code [N, C]} quantile of {@code tensor} (f32 or f64). */
    String add(String tensor, Shape shape, Reduction r) {
        int rank = shape.rank();
        long n = rowLength(r, shape);
        Plan plan = Plan.of(n, r.quantile());
        String source = r.kind() == Reduction.Kind.ABS_QUANTILE
                ? graph.once("abs", tensor, new long[0], () -> graph.node("Abs", tensor + "/pot4j_abs", List.of(tensor)))
                : tensor;
        String rows = rows(source, r, rank);
        String top = graph.once(plan.largest() ? "top_largest" : "top_smallest", rows, new long[] {plan.k()},
                () -> plan.largest() || opset >= TOPK_DIRECTION ? topK(rows, plan.k(), plan.largest())
                        : negated(topK(negated(rows), plan.k(), true)));
        String low = pick(top, plan.lowIndex());
        if (plan.fraction() == 0 || plan.lowIndex() == plan.highIndex()) {
            return low;
        }
        String high = pick(top, plan.highIndex());
        String step = graph.node("Sub", high + "/pot4j_step", List.of(high, low));
        String scaled = graph.node("Mul", step + "/pot4j_scaled",
                List.of(step, graph.doubleScalar("fraction_" + Double.toHexString(plan.fraction()), plan.fraction())));
        return graph.node("Add", low + "/pot4j_quantile", List.of(low, scaled));
    }

    /** The {@code k} largest (or smallest) of each row of {@code rows}, sorted, on the last axis. */
    private String topK(String rows, long k, boolean largest) {
        String base = rows + "/pot4j_top" + k;
        String out = opset >= TOPK_K_INPUT ? graph.node("TopK", base, List.of(rows, graph.longs("k", new long[] {k}, true)))
                : graph.node("TopK", base, List.of(rows));
        graph.addOutputToLast(base + "_indices");
        graph.setAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                .setI(-1));
        if (opset < TOPK_K_INPUT) {
            graph.setAttribute(AttributeProto.newBuilder().setName("k").setType(AttributeProto.AttributeType.INT)
                    .setI(k));
        }
        if (opset >= TOPK_DIRECTION) {
            graph.setAttribute(AttributeProto.newBuilder().setName("largest").setType(AttributeProto.AttributeType.INT)
                    .setI(largest ? 1 : 0));
            graph.setAttribute(AttributeProto.newBuilder().setName("sorted").setType(AttributeProto.AttributeType.INT)
                    .setI(1));
        }
        return out;
    }

    /** {@code -x}: before opset 11 the smallest values are the largest of the negated row, negated back. */
    private String negated(String x) {
        return graph.node("Neg", x + "/pot4j_neg", List.of(x));
    }

    /** Element {@code index} of the last axis of {@code top}, as f64. */
    private String pick(String top, long index) {
        return graph.once("pick", top, new long[] {index}, () -> {
            String value = graph.node("Gather", top + "/pot4j_at" + index,
                    List.of(top, graph.longs("index", new long[] {index}, false)));
            graph.setAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                    .setI(-1));
            return graph.cast(value, ElementType.F32, ElementType.F64);
        });
    }

    /** {@code tensor} as rows of the reduced elements: {@code [N, n]} per tensor, {@code [N, C, n]} per channel. */
    private String rows(String tensor, Reduction r, int rank) {
        if (r.isPerTensor()) {
            return graph.once("rows", tensor, new long[] {0}, () -> graph.node("Reshape", tensor + "/pot4j_rows",
                    List.of(tensor, graph.longs("shape", new long[] {0, -1}, true))));
        }
        int axis = r.channelAxis(rank);
        return graph.once("rows", tensor, new long[] {axis}, () -> {
            String channelFirst = tensor;
            if (axis != 1) {
                long[] perm = new long[rank];
                perm[1] = axis;
                for (int a = 1, k = 2; a < rank; a++) {
                    if (a != axis) {
                        perm[k++] = a;
                    }
                }
                channelFirst = graph.node("Transpose", tensor + "/pot4j_channel_first", List.of(tensor));
                AttributeProto.Builder p = AttributeProto.newBuilder().setName("perm")
                        .setType(AttributeProto.AttributeType.INTS);
                for (long v : perm) {
                    p.addInts(v);
                }
                graph.setAttribute(p);
            }
            return graph.node("Reshape", tensor + "/pot4j_channel_rows",
                    List.of(channelFirst, graph.longs("shape", new long[] {0, 0, -1}, true)));
        });
    }

    /** The number of elements a row reduces, or -1 when a reduced axis has no static size. */
    private static long rowLength(Reduction r, Shape shape) {
        int rank = shape.rank();
        int channel = r.isPerTensor() ? -1 : r.channelAxis(rank);
        long n = 1;
        for (int a = 1; a < rank; a++) {
            if (a != channel) {
                long d = shape.dim(a);
                if (d <= 0) {
                    return -1;
                }
                n *= d;
            }
        }
        return n;
    }
}
