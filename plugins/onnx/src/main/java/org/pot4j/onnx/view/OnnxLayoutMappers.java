package org.pot4j.onnx.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Ops that make or rearrange tensors: Range to Range-4 ({@code output_type} = the inputs' type; folded on constant
 * integers), Tile (repeats input), DepthToSpace ({@code DCR} as {@code blocks_first}, {@code CRD} as
 * {@code depth_first}) and SpaceToDepth ({@code blocks_first}), and Size, kept under its name (an i64 scalar, folded
 * when the input's shape is static).
 */
final class OnnxLayoutMappers {
    private OnnxLayoutMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("Range", OnnxLayoutMappers::range);
        m.put("Tile", OnnxLayoutMappers::tile);
        m.put("Size", OnnxLayoutMappers::size);
        m.put("DepthToSpace", OnnxLayoutMappers::depthToSpace);
        m.put("SpaceToDepth", OnnxLayoutMappers::spaceToDepth);
    }

    static void range(OnnxNodeContext c) {
        ElementType type = c.type(0);
        Long n = null;
        boolean constant = c.constant(0).isPresent() && c.constant(1).isPresent() && c.constant(2).isPresent();
        if (constant) {
            double start = c.requireScalar(0, "start").toFloatArray()[0];
            double limit = c.requireScalar(1, "limit").toFloatArray()[0];
            double delta = c.requireScalar(2, "delta").toFloatArray()[0];
            if (delta == 0) {
                throw c.fail("delta is 0");
            }
            n = (long) Math.max(0, Math.ceil((limit - start) / delta));
        }
        Shape out = Shape.of(n == null ? Shape.DYNAMIC : n);
        c.emit("Range", Attributes.of(Map.of("output_type", type.irName())), List.of(c.in(0), c.in(1), c.in(2)), out,
                type);
        if (constant && !type.isFloatingPoint() && n <= 1 << 16) {
            long start = c.constant(0).get().toLongArray()[0];
            long delta = c.constant(2).get().toLongArray()[0];
            long[] v = new long[n.intValue()];
            for (int i = 0; i < v.length; i++) {
                v[i] = start + i * delta;
            }
            c.fold(0, Tensor.ofLongs(out, v).convert(type));
        }
    }

    static void tile(OnnxNodeContext c) {
        Shape x = c.shape(0);
        Shape out = null;
        if (x != null) {
            long[] repeats = c.constant(1).map(Tensor::toLongArray).orElse(null);
            long[] d = x.dims();
            if (repeats != null && repeats.length != d.length) {
                throw c.fail("repeats " + java.util.Arrays.toString(repeats) + " do not fit an input of shape " + x);
            }
            for (int i = 0; i < d.length; i++) {
                d[i] = repeats == null || d[i] == Shape.DYNAMIC ? Shape.DYNAMIC : d[i] * repeats[i];
            }
            out = Shape.of(d);
        }
        c.emit("Tile", Attributes.EMPTY, List.of(c.in(0), c.in(1)), out, c.type(0));
    }

    static void size(OnnxNodeContext c) {
        c.emit("Size", Attributes.EMPTY, List.of(c.in(0)), Shape.SCALAR, ElementType.I64);
        Shape x = c.shape(0);
        if (x != null && x.isStatic()) {
            c.fold(0, Tensor.ofLongs(Shape.SCALAR, x.elementCount()));
        }
    }

    static void depthToSpace(OnnxNodeContext c) {
        long bs = c.attr().longValue("blocksize", 1);
        String mode = c.attr().string("mode", "DCR");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("block_size", bs);
        a.put("mode", mode.equals("CRD") ? "depth_first" : "blocks_first");
        Shape x = c.shape(0);
        Shape out = x == null || x.rank() != 4 ? null
                : Shape.of(x.dim(0), div(x.dim(1), bs * bs), mul(x.dim(2), bs), mul(x.dim(3), bs));
        c.emit("DepthToSpace", Attributes.of(a), List.of(c.in(0)), out, c.type(0));
    }

    static void spaceToDepth(OnnxNodeContext c) {
        long bs = c.attr().longValue("blocksize", 1);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("block_size", bs);
        a.put("mode", "blocks_first");
        Shape x = c.shape(0);
        Shape out = x == null || x.rank() != 4 ? null
                : Shape.of(x.dim(0), mul(x.dim(1), bs * bs), div(x.dim(2), bs), div(x.dim(3), bs));
        c.emit("SpaceToDepth", Attributes.of(a), List.of(c.in(0)), out, c.type(0));
    }

    private static long mul(long d, long f) {
        return d == Shape.DYNAMIC ? d : d * f;
    }

    private static long div(long d, long f) {
        return d == Shape.DYNAMIC ? d : d / f;
    }
}
