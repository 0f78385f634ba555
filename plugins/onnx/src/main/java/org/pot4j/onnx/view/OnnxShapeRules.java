package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * ONNX's shape inference rules for default-domain ops that have no mapper of their own (they stay in the view under
 * their ONNX op type), and for mapped ops whose mapper leaves a shape unknown where ONNX still knows the rank (an
 * Expand to a computed shape). Dimensions pot4j cannot know statically are {@link Shape#DYNAMIC}; symbolic sizes
 * (dim_param) are dynamic too, their names are not tracked. An op without a rule here has no known output shape: its
 * readers that need one fail with a message naming it ({@link OnnxViewBuilder}).
 */
final class OnnxShapeRules {
    /** Output shapes and element types; a null entry is unknown. */
    record Outputs(List<Shape> shapes, List<ElementType> types) {
    }

    /** Ops whose output 0 has the shape and type of input 0. */
    static final Set<String> SHAPE_PRESERVING = Set.of("HardSigmoid", "Elu", "Selu", "Celu", "Softsign",
            "ThresholdedRelu", "Shrink", "LRN", "InstanceNormalization", "LpNormalization", "MeanVarianceNormalization",
            "Hardmax", "Gelu", "Mish", "CumSum", "Trilu", "ReverseSequence", "Asin", "Acos", "Atan", "Sinh", "Cosh",
            "Asinh", "Acosh", "Atanh", "Tan", "BitwiseNot", "ScatterND", "ScatterElements", "Scatter", "EyeLike",
            "RandomNormalLike", "RandomUniformLike", "Bernoulli", "GroupNormalization");

    /** Ops whose output is the numpy broadcast of all their inputs (type of input 0, boolean for predicates). */
    static final Set<String> BROADCASTING = Set.of("Sum", "Mean", "Max", "Min", "BitShift", "BitwiseAnd",
            "BitwiseOr", "BitwiseXor");

    private OnnxShapeRules() {
    }

    /** True when this class has a rule for {@code opType} (default domain). */
    static boolean has(String opType) {
        return SHAPE_PRESERVING.contains(opType) || BROADCASTING.contains(opType) || RULES.containsKey(opType);
    }

    /** The output shapes and types ONNX infers for this node, or empty when there is no rule for its op. */
    static Optional<Outputs> infer(OnnxNodeContext c) {
        String op = c.opType();
        int n = c.outputCount();
        if (SHAPE_PRESERVING.contains(op)) {
            List<Shape> shapes = new ArrayList<>(Collections.nCopies(n, (Shape) null));
            List<ElementType> types = new ArrayList<>(Collections.nCopies(n, (ElementType) null));
            shapes.set(0, c.shape(0));
            types.set(0, c.type(0));
            return Optional.of(new Outputs(shapes, types));
        }
        if (BROADCASTING.contains(op)) {
            Shape s = c.shape(0);
            for (int i = 1; i < c.inputCount(); i++) {
                s = OnnxShapes.broadcast(s, c.shape(i));
            }
            return Optional.of(one(s, c.type(0)));
        }
        Rule r = RULES.get(op);
        return r == null ? Optional.empty() : Optional.of(r.infer(c));
    }

    @FunctionalInterface
    private interface Rule {
        Outputs infer(OnnxNodeContext c);
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("IsNaN", c -> one(c.shape(0), ElementType.BOOLEAN)),
            Map.entry("IsInf", c -> one(c.shape(0), ElementType.BOOLEAN)),
            Map.entry("Where", c -> one(OnnxShapes.broadcast(OnnxShapes.broadcast(c.shape(0), c.shape(1)),
                    c.shape(2)), c.type(1))),
            Map.entry("CastLike", c -> one(c.shape(0), c.type(1))),
            Map.entry("Size", c -> one(Shape.SCALAR, ElementType.I64)),
            Map.entry("NonZero", c -> one(c.shape(0) == null ? null : Shape.of(c.shape(0).rank(), Shape.DYNAMIC),
                    ElementType.I64)),
            Map.entry("NonMaxSuppression", c -> one(Shape.of(Shape.DYNAMIC, 3), ElementType.I64)),
            Map.entry("Range", c -> one(Shape.of(Shape.DYNAMIC), c.type(0))),
            Map.entry("ArgMax", OnnxShapeRules::argReduce),
            Map.entry("ArgMin", OnnxShapeRules::argReduce),
            Map.entry("TopK", OnnxShapeRules::topK),
            Map.entry("Tile", OnnxShapeRules::tile),
            Map.entry("DepthToSpace", c -> blocks(c, true)),
            Map.entry("SpaceToDepth", c -> blocks(c, false)),
            Map.entry("OneHot", OnnxShapeRules::oneHot),
            Map.entry("GatherElements", c -> one(c.shape(1), c.type(0))),
            Map.entry("GatherND", OnnxShapeRules::gatherNd),
            Map.entry("Compress", OnnxShapeRules::compress),
            Map.entry("GlobalLpPool", OnnxShapeRules::globalPool),
            Map.entry("LpPool", OnnxShapeRules::lpPool),
            Map.entry("RoiAlign", OnnxShapeRules::roiAlign),
            Map.entry("GridSample", OnnxShapeRules::gridSample),
            Map.entry("LayerNormalization", OnnxShapeRules::layerNorm),
            Map.entry("Expand", OnnxShapeRules::expand),
            Map.entry("Multinomial", c -> one(c.shape(0) == null ? null
                    : Shape.of(c.shape(0).dim(0), c.attr().longValue("sample_size", 1)), ElementType.I32)));

    private static Outputs one(Shape s, ElementType t) {
        return new Outputs(Collections.singletonList(s), Collections.singletonList(t));
    }

    private static Outputs argReduce(OnnxNodeContext c) {
        Shape x = c.shape(0);
        if (x == null) {
            return one(null, ElementType.I64);
        }
        int axis = OnnxShapes.axis(c.attr().longValue("axis", 0), x.rank(), "axis");
        boolean keep = c.attr().longValue("keepdims", 1) != 0;
        return one(keep ? x.withDim(axis, 1) : removed(x, axis), ElementType.I64);
    }

    private static Shape removed(Shape x, int axis) {
        long[] d = new long[x.rank() - 1];
        for (int i = 0, j = 0; i < x.rank(); i++) {
            if (i != axis) {
                d[j++] = x.dim(i);
            }
        }
        return Shape.of(d);
    }

    private static Outputs topK(OnnxNodeContext c) {
        Shape x = c.shape(0);
        Shape out = null;
        if (x != null) {
            int axis = OnnxShapes.axis(c.attr().longValue("axis", -1), x.rank(), "axis");
            long k = c.opset() < 10 ? c.attr().longValue("k", Shape.DYNAMIC)
                    : c.constant(1).map(t -> t.toLongArray()[0]).orElse(Shape.DYNAMIC);
            out = x.withDim(axis, k);
        }
        return new Outputs(Arrays.asList(out, out), Arrays.asList(c.type(0), ElementType.I64));
    }

    private static Outputs tile(OnnxNodeContext c) {
        Shape x = c.shape(0);
        if (x == null) {
            return one(null, c.type(0));
        }
        Optional<Tensor> repeats = c.constant(1);
        long[] d = x.dims();
        for (int i = 0; i < d.length; i++) {
            d[i] = repeats.isEmpty() || d[i] == Shape.DYNAMIC ? Shape.DYNAMIC : d[i] * repeats.get().getLong(i);
        }
        return one(Shape.of(d), c.type(0));
    }

    private static Outputs blocks(OnnxNodeContext c, boolean toSpace) {
        Shape x = c.shape(0);
        long b = c.attr().longValue("blocksize", 1);
        if (x == null || x.rank() != 4) {
            return one(null, c.type(0));
        }
        long ch = x.dim(1);
        long h = x.dim(2);
        long w = x.dim(3);
        Shape out = toSpace
                ? Shape.of(x.dim(0), dyn(ch, v -> v / (b * b)), dyn(h, v -> v * b), dyn(w, v -> v * b))
                : Shape.of(x.dim(0), dyn(ch, v -> v * b * b), dyn(h, v -> v / b), dyn(w, v -> v / b));
        return one(out, c.type(0));
    }

    private static long dyn(long v, java.util.function.LongUnaryOperator f) {
        return v == Shape.DYNAMIC ? Shape.DYNAMIC : f.applyAsLong(v);
    }

    private static Outputs oneHot(OnnxNodeContext c) {
        Shape idx = c.shape(0);
        if (idx == null) {
            return one(null, c.type(2));
        }
        long depth = c.constant(1).map(t -> (long) t.toDoubleArray()[0]).orElse(Shape.DYNAMIC);
        int rank = idx.rank() + 1;
        int axis = OnnxShapes.axis(c.attr().longValue("axis", -1), rank, "axis");
        long[] d = new long[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            d[i] = i == axis ? depth : idx.dim(j++);
        }
        return one(Shape.of(d), c.type(2));
    }

    private static Outputs gatherNd(OnnxNodeContext c) {
        Shape data = c.shape(0);
        Shape idx = c.shape(1);
        int batch = (int) c.attr().longValue("batch_dims", 0);
        if (data == null || idx == null || idx.rank() == 0 || idx.dim(-1) == Shape.DYNAMIC) {
            return one(null, c.type(0));
        }
        int last = (int) idx.dim(-1);
        List<Long> d = new ArrayList<>();
        for (int i = 0; i < idx.rank() - 1; i++) {
            d.add(idx.dim(i));
        }
        for (int i = batch + last; i < data.rank(); i++) {
            d.add(data.dim(i));
        }
        return one(Shape.of(d.stream().mapToLong(Long::longValue).toArray()), c.type(0));
    }

    private static Outputs compress(OnnxNodeContext c) {
        Shape x = c.shape(0);
        if (x == null) {
            return one(null, c.type(0));
        }
        if (!c.attr().has("axis")) {
            return one(Shape.of(Shape.DYNAMIC), c.type(0));
        }
        int axis = OnnxShapes.axis(c.attr().longValue("axis", 0), x.rank(), "axis");
        return one(x.withDim(axis, Shape.DYNAMIC), c.type(0));
    }

    private static Outputs globalPool(OnnxNodeContext c) {
        Shape x = c.shape(0);
        if (x == null) {
            return one(null, c.type(0));
        }
        long[] d = x.dims();
        for (int i = 2; i < d.length; i++) {
            d[i] = 1;
        }
        return one(Shape.of(d), c.type(0));
    }

    private static Outputs lpPool(OnnxNodeContext c) {
        long[] kernel = c.attr().longs("kernel_shape").orElse(null);
        Shape x = c.shape(0);
        if (kernel == null || x == null) {
            return one(null, c.type(0));
        }
        Map<String, Object> a = OnnxConvMappers.spatialAttributes(c, kernel.length, true);
        return one(OnnxConvMappers.windowedShape(x, x.dim(1), kernel, a, c.attr().longValue("ceil_mode", 0) != 0),
                c.type(0));
    }

    private static Outputs roiAlign(OnnxNodeContext c) {
        Shape x = c.shape(0);
        Shape rois = c.shape(1);
        return one(Shape.of(rois == null ? Shape.DYNAMIC : rois.dim(0), x == null ? Shape.DYNAMIC : x.dim(1),
                c.attr().longValue("output_height", 1), c.attr().longValue("output_width", 1)), c.type(0));
    }

    private static Outputs gridSample(OnnxNodeContext c) {
        Shape x = c.shape(0);
        Shape grid = c.shape(1);
        if (x == null || grid == null || grid.rank() != 4) {
            return one(null, c.type(0));
        }
        return one(Shape.of(x.dim(0), x.dim(1), grid.dim(1), grid.dim(2)), c.type(0));
    }

    private static Outputs layerNorm(OnnxNodeContext c) {
        Shape x = c.shape(0);
        List<Shape> shapes = new ArrayList<>(Collections.nCopies(c.outputCount(), (Shape) null));
        List<ElementType> types = new ArrayList<>(Collections.nCopies(c.outputCount(), c.type(0)));
        if (x != null && c.outputCount() > 0) {
            shapes.set(0, x);
            int axis = OnnxShapes.axis(c.attr().longValue("axis", -1), x.rank(), "axis");
            long[] d = x.dims();
            for (int i = axis; i < d.length; i++) {
                d[i] = 1;
            }
            for (int i = 1; i < shapes.size(); i++) {
                shapes.set(i, Shape.of(d));
                types.set(i, ElementType.F32);
            }
        }
        return new Outputs(shapes, types);
    }

    /** Expand to a shape known only at run time: the rank is known when the shape input's length is. */
    private static Outputs expand(OnnxNodeContext c) {
        Shape x = c.shape(0);
        Shape target = c.shape(1);
        if (x == null || target == null || target.rank() != 1 || target.dim(0) == Shape.DYNAMIC) {
            return one(null, c.type(0));
        }
        int rank = (int) Math.max(x.rank(), target.dim(0));
        long[] d = new long[rank];
        for (int i = 0; i < rank; i++) {
            int xi = i - (rank - x.rank());
            long v = xi < 0 ? 1 : x.dim(xi);
            d[i] = v == 1 ? Shape.DYNAMIC : v; // a size other than 1 stays (the target must be 1 or equal there)
        }
        return one(Shape.of(d), c.type(0));
    }
}
