package org.pot4j.onnx.view;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;

/**
 * {@code Gemm} and {@code MatMul} to MatMul. Gemm's {@code transA/transB} become {@code transpose_a/transpose_b} and
 * its C an Add named {@code <gemm>/bias}; {@code alpha} and {@code beta} other than 1 are rejected (folding them
 * would change the weights the view shows).
 */
final class OnnxLinearMappers {
    private OnnxLinearMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("Gemm", OnnxLinearMappers::gemm);
        m.put("MatMul", OnnxLinearMappers::matMul);
    }

    static void gemm(OnnxNodeContext c) {
        double alpha = c.attr().floatValue("alpha", 1.0);
        double beta = c.attr().floatValue("beta", 1.0);
        if (alpha != 1.0) {
            throw c.fail("alpha " + alpha + " is not supported (only 1)");
        }
        if (c.has(2) && beta != 1.0) {
            throw c.fail("beta " + beta + " is not supported (only 1)");
        }
        boolean ta = c.attr().longValue("transA", 0) != 0;
        boolean tb = c.attr().longValue("transB", 0) != 0;
        Shape a = c.shape(0);
        Shape b = c.shape(1);
        if ((a != null && a.rank() != 2) || (b != null && b.rank() != 2)) {
            throw c.fail("inputs must be matrices, got " + a + " and " + b);
        }
        Shape out = null;
        if (a != null && b != null) {
            long m = ta ? a.dim(1) : a.dim(0);
            long k = ta ? a.dim(0) : a.dim(1);
            long kb = tb ? b.dim(1) : b.dim(0);
            long n = tb ? b.dim(0) : b.dim(1);
            if (k != kb && k != Shape.DYNAMIC && kb != Shape.DYNAMIC) {
                throw c.fail("A " + a + (ta ? " (transposed)" : "") + " and B " + b + (tb ? " (transposed)" : "")
                        + " do not multiply: " + k + " != " + kb);
            }
            out = Shape.of(m, n);
        }
        Attributes attrs = Attributes.of(Map.of("transpose_a", ta, "transpose_b", tb));
        if (!c.has(2)) {
            c.emit(OpKinds.MAT_MUL, attrs, List.of(c.in(0), c.in(1)), out, c.type(0));
            return;
        }
        PortRef mm = c.add(c.name(), OpKinds.MAT_MUL, attrs, List.of(c.in(0), c.in(1)),
                Collections.singletonList(out), List.of(c.type(0))).get(0);
        Shape withBias = out == null ? null : OnnxShapes.broadcast(out, c.shape(2));
        c.emitAs(c.name() + "/bias", OpKinds.ADD, OnnxNodeContext.numpy(), List.of(mm, c.in(2)), withBias, c.type(0));
    }

    static void matMul(OnnxNodeContext c) {
        Attributes attrs = Attributes.of(Map.of("transpose_a", false, "transpose_b", false));
        c.emit(OpKinds.MAT_MUL, attrs, List.of(c.in(0), c.in(1)), matMulShape(c.shape(0), c.shape(1)), c.type(0));
    }

    /** numpy.matmul's result shape. */
    static Shape matMulShape(Shape a, Shape b) {
        if (a == null || b == null || a.rank() == 0 || b.rank() == 0) {
            return null;
        }
        Shape a2 = a.rank() == 1 ? Shape.of(1, a.dim(0)) : a;
        Shape b2 = b.rank() == 1 ? Shape.of(b.dim(0), 1) : b;
        long k = a2.dim(-1);
        long kb = b2.dim(-2);
        if (k != kb && k != Shape.DYNAMIC && kb != Shape.DYNAMIC) {
            throw new IllegalArgumentException("shapes " + a + " and " + b + " do not multiply: " + k + " != " + kb);
        }
        Shape batch = OnnxShapes.broadcast(Shape.of(java.util.Arrays.copyOf(a2.dims(), a2.rank() - 2)),
                Shape.of(java.util.Arrays.copyOf(b2.dims(), b2.rank() - 2)));
        long[] bd = batch.dims();
        java.util.List<Long> dims = new java.util.ArrayList<>();
        for (long d : bd) {
            dims.add(d);
        }
        if (a.rank() > 1) {
            dims.add(a2.dim(-2));
        }
        if (b.rank() > 1) {
            dims.add(b2.dim(-1));
        }
        return Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    }
}
