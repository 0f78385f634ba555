package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.BroadcastIndex;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Ops with boolean results or operands: Equal, NotEqual, Less, Greater, LessEqual, GreaterEqual (floats compared as
 * floats, integers as longs), LogicalAnd/Or/Xor/Not, IsNaN, IsInf, and Select (ONNX Where). Booleans are longs 0/1.
 */
final class LogicalKernels {
    private LogicalKernels() {
    }

    /** A comparison from the sign of {@code a - b}; {@code unordered} when a NaN takes part. */
    @FunctionalInterface
    interface Comparison {
        boolean test(int sign, boolean unordered);
    }

    /** A comparison kernel: integer operands compare as longs (exact beyond 2^24), others as floats. */
    static KernelFactory compare(Comparison test) {
        return (node, cc) -> (in, ctx) -> {
            Value a = in[0];
            Value b = in[1];
            int[] os = BroadcastIndex.shape(a.shape(), b.shape());
            BroadcastIndex ia = new BroadcastIndex(os, a.shape());
            BroadcastIndex ib = new BroadcastIndex(os, b.shape());
            long[] out = new long[Dims.count(os)];
            if (!a.isFloat() && !b.isFloat()) {
                long[] x = a.longs();
                long[] y = b.longs();
                for (int i = 0; i < out.length; i++) {
                    out[i] = test.test(Long.compare(x[ia.of(i)], y[ib.of(i)]), false) ? 1 : 0;
                }
            } else {
                float[] x = a.floats();
                float[] y = b.floats();
                for (int i = 0; i < out.length; i++) {
                    float p = x[ia.of(i)];
                    float q = y[ib.of(i)];
                    boolean nan = Float.isNaN(p) || Float.isNaN(q);
                    out[i] = test.test(nan ? 0 : p < q ? -1 : p > q ? 1 : 0, nan) ? 1 : 0;
                }
            }
            return new Value[] {Value.ofLongs(os, out)};
        };
    }

    /** A boolean function of two booleans (nonzero is true). */
    @FunctionalInterface
    interface BooleanOp {
        boolean apply(boolean a, boolean b);
    }

    static KernelFactory logical(BooleanOp op) {
        return (node, cc) -> (in, ctx) -> {
            int[] os = BroadcastIndex.shape(in[0].shape(), in[1].shape());
            BroadcastIndex ia = new BroadcastIndex(os, in[0].shape());
            BroadcastIndex ib = new BroadcastIndex(os, in[1].shape());
            long[] x = in[0].longs();
            long[] y = in[1].longs();
            long[] out = new long[Dims.count(os)];
            for (int i = 0; i < out.length; i++) {
                out[i] = op.apply(x[ia.of(i)] != 0, y[ib.of(i)] != 0) ? 1 : 0;
            }
            return new Value[] {Value.ofLongs(os, out)};
        };
    }

    static KernelFactory not() {
        return (node, cc) -> (in, ctx) -> {
            long[] x = in[0].longs();
            long[] out = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] == 0 ? 1 : 0;
            }
            return new Value[] {Value.ofLongs(in[0].shape(), out)};
        };
    }

    /** A test of one float. */
    @FunctionalInterface
    interface FloatTest {
        boolean test(float x);
    }

    static KernelFactory test(FloatTest t) {
        return (node, cc) -> (in, ctx) -> {
            float[] x = in[0].floats();
            long[] out = new long[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = t.test(x[i]) ? 1 : 0;
            }
            return new Value[] {Value.ofLongs(in[0].shape(), out)};
        };
    }

    /** IsInf-10: {@code detect_negative} and {@code detect_positive} (both true by default). */
    static KernelFactory isInf() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            boolean negative = a.bool("detect_negative", true);
            boolean positive = a.bool("detect_positive", true);
            return test(x -> x == Float.NEGATIVE_INFINITY ? negative : x == Float.POSITIVE_INFINITY && positive)
                    .create(node, cc);
        };
    }

    /** Select-1: {@code cond ? then : else}, all three numpy-broadcast. */
    static KernelFactory select() {
        return (node, cc) -> (in, ctx) -> {
            Value c = in[0];
            Value t = in[1];
            Value e = in[2];
            int[] os = BroadcastIndex.shape(c.shape(), t.shape(), e.shape());
            BroadcastIndex ic = new BroadcastIndex(os, c.shape());
            BroadcastIndex it = new BroadcastIndex(os, t.shape());
            BroadcastIndex ie = new BroadcastIndex(os, e.shape());
            long[] cond = c.longs();
            int n = Dims.count(os);
            if (t.isFloat() || e.isFloat()) {
                float[] x = t.floats();
                float[] y = e.floats();
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = cond[ic.of(i)] != 0 ? x[it.of(i)] : y[ie.of(i)];
                }
                return new Value[] {Value.ofFloats(os, out)};
            }
            long[] x = t.longs();
            long[] y = e.longs();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = cond[ic.of(i)] != 0 ? x[it.of(i)] : y[ie.of(i)];
            }
            return new Value[] {Value.ofLongs(os, out)};
        };
    }
}
