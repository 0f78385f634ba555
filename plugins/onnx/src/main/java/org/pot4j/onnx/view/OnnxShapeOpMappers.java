package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Ops that move data without computing: Reshape ({@code special_zero}), Flatten, Transpose (perm as input),
 * Squeeze/Unsqueeze (axes as input), Concat, Split/VariadicSplit and Shape (ShapeOf; with Shape-15's start/end, a
 * StridedSlice of it). Where their inputs are constant
 * (shape computations of exported models) the value is folded so later Reshapes know their target.
 */
final class OnnxShapeOpMappers {
    private OnnxShapeOpMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("Reshape", OnnxShapeOpMappers::reshape);
        m.put("Flatten", OnnxShapeOpMappers::flatten);
        m.put("Transpose", OnnxShapeOpMappers::transpose);
        m.put("Squeeze", OnnxShapeOpMappers::squeeze);
        m.put("Unsqueeze", OnnxShapeOpMappers::unsqueeze);
        m.put("Concat", OnnxShapeOpMappers::concat);
        m.put("Split", OnnxShapeOpMappers::split);
        m.put("Shape", OnnxShapeOpMappers::shapeOf);
    }

    static void reshape(OnnxNodeContext c) {
        boolean allowZero = c.attr().longValue("allowzero", 0) != 0;
        Shape x = c.shape(0);
        Shape out = null;
        java.util.Optional<Tensor> target = c.constant(1);
        if (target.isPresent()) {
            out = reshapeTarget(c, x, target.get().toLongArray(), allowZero);
        } else if (c.shape(1) != null && c.shape(1).rank() == 1 && c.shape(1).dim(0) >= 0) {
            out = Shape.of(OnnxShapes.filled((int) c.shape(1).dim(0), Shape.DYNAMIC));
        }
        c.emit(OpKinds.RESHAPE, Attributes.of(Map.of("special_zero", !allowZero)), List.of(c.in(0), c.in(1)), out, c.type(0));
        foldReshaped(c, out);
    }

    /** The output of reshaping {@code x} to {@code spec} (0 copies a dimension unless allowzero, -1 is inferred). */
    static Shape reshapeTarget(OnnxNodeContext c, Shape x, long[] spec, boolean allowZero) {
        long[] out = spec.clone();
        int inferred = -1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (x == null || i >= x.rank()) {
                    return null;
                }
                out[i] = x.dim(i);
            } else if (out[i] == -1) {
                if (inferred >= 0) {
                    throw c.fail("the target shape " + Arrays.toString(spec) + " has more than one -1");
                }
                inferred = i;
            } else if (out[i] < 0) {
                throw c.fail("the target shape " + Arrays.toString(spec) + " has a negative dimension");
            }
        }
        if (x == null) {
            if (inferred >= 0) {
                out[inferred] = Shape.DYNAMIC;
            }
            return Shape.of(out);
        }
        long known = 1;
        boolean dynamicOut = false;
        for (int i = 0; i < out.length; i++) {
            if (i == inferred) {
                continue;
            }
            if (out[i] == Shape.DYNAMIC) {
                dynamicOut = true;
            } else {
                known *= out[i];
            }
        }
        long total = OnnxShapes.count(x);
        if (total < 0 || dynamicOut) {
            if (inferred >= 0) {
                out[inferred] = Shape.DYNAMIC;
            }
            return Shape.of(out);
        }
        if (inferred >= 0) {
            if (known == 0 || total % known != 0) {
                throw c.fail("cannot reshape a " + x + " tensor (" + total + " elements) to "
                        + Arrays.toString(spec));
            }
            out[inferred] = total / known;
        } else if (known != total) {
            throw c.fail("cannot reshape a " + x + " tensor (" + total + " elements) to " + Arrays.toString(spec)
                    + " (" + known + " elements)");
        }
        return Shape.of(out);
    }

    static void flatten(OnnxNodeContext c) {
        long axisAttr = c.attr().longValue("axis", 1);
        Shape x = c.shape(0);
        Shape out = null;
        if (x != null) {
            int axis = axisAttr < 0 ? (int) (axisAttr + x.rank()) : (int) axisAttr;
            if (axis < 0 || axis > x.rank()) {
                throw c.fail("axis " + axisAttr + " is outside a rank-" + x.rank() + " input");
            }
            out = Shape.of(product(x, 0, axis), product(x, axis, x.rank()));
        }
        c.emit(OpKinds.FLATTEN, Attributes.of(Map.of("axis", axisAttr)), List.of(c.in(0)), out, c.type(0));
    }

    private static long product(Shape s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            if (s.dim(i) == Shape.DYNAMIC) {
                return Shape.DYNAMIC;
            }
            p *= s.dim(i);
        }
        return p;
    }

    static void transpose(OnnxNodeContext c) {
        Shape x = c.shape(0);
        long[] perm = c.attr().longs("perm").orElseGet(() -> {
            if (x == null) {
                throw c.fail("perm is missing and the input's rank is unknown");
            }
            long[] p = new long[x.rank()];
            Arrays.setAll(p, i -> x.rank() - 1 - i);
            return p;
        });
        Shape out = null;
        if (x != null) {
            if (perm.length != x.rank()) {
                throw c.fail("perm " + Arrays.toString(perm) + " does not fit an input of shape " + x);
            }
            long[] d = new long[perm.length];
            for (int i = 0; i < perm.length; i++) {
                d[i] = x.dim(OnnxShapes.axis(perm[i], x.rank(), "perm entry"));
            }
            out = Shape.of(d);
        }
        PortRef order = c.addConstant("perm", Tensor.ofLongs(Shape.of(perm.length), perm));
        c.emit(OpKinds.TRANSPOSE, Attributes.EMPTY, List.of(c.in(0), order), out, c.type(0));
    }

    /** The axes of Squeeze/Unsqueeze: an attribute before opset 13, an input after; null when not given. */
    private static long[] axes(OnnxNodeContext c) {
        if (c.opset() >= 13) {
            return c.has(1) ? c.requireConstant(1, "axes").toLongArray() : null;
        }
        return c.attr().longs("axes").orElse(null);
    }

    private static PortRef axesPort(OnnxNodeContext c, long[] axes) {
        return c.opset() >= 13 ? c.in(1) : c.addConstant("axes", Tensor.ofLongs(Shape.of(axes.length), axes));
    }

    static void squeeze(OnnxNodeContext c) {
        Shape x = c.shape(0);
        long[] axes = axes(c);
        Shape out = null;
        if (x != null) {
            boolean[] drop = new boolean[x.rank()];
            if (axes == null) {
                for (int i = 0; i < x.rank(); i++) {
                    drop[i] = x.dim(i) == 1;
                }
            } else {
                for (long a : axes) {
                    int ax = OnnxShapes.axis(a, x.rank(), "axis");
                    if (x.dim(ax) != 1 && x.dim(ax) != Shape.DYNAMIC) {
                        throw c.fail("cannot squeeze axis " + a + " of size " + x.dim(ax) + " of shape " + x);
                    }
                    drop[ax] = true;
                }
            }
            List<Long> d = new ArrayList<>();
            for (int i = 0; i < x.rank(); i++) {
                if (!drop[i]) {
                    d.add(x.dim(i));
                }
            }
            out = Shape.of(d.stream().mapToLong(Long::longValue).toArray());
        }
        List<PortRef> inputs = axes == null ? List.of(c.in(0)) : List.of(c.in(0), axesPort(c, axes));
        c.emit(OpKinds.SQUEEZE, Attributes.EMPTY, inputs, out, c.type(0));
        foldReshaped(c, out);
    }

    static void unsqueeze(OnnxNodeContext c) {
        Shape x = c.shape(0);
        long[] axes = axes(c);
        if (axes == null) {
            throw c.fail("axes are missing");
        }
        Shape out = null;
        if (x != null) {
            int rank = x.rank() + axes.length;
            boolean[] added = new boolean[rank];
            for (long a : axes) {
                int at = OnnxShapes.axis(a, rank, "axis");
                if (added[at]) {
                    throw c.fail("axes " + java.util.Arrays.toString(axes) + " name axis " + at + " twice");
                }
                added[at] = true;
            }
            long[] d = new long[rank];
            for (int i = 0, j = 0; i < rank; i++) {
                d[i] = added[i] ? 1 : x.dim(j++);
            }
            out = Shape.of(d);
        }
        c.emit(OpKinds.UNSQUEEZE, Attributes.EMPTY, List.of(c.in(0), axesPort(c, axes)), out, c.type(0));
        foldReshaped(c, out);
    }

    private static void foldReshaped(OnnxNodeContext c, Shape out) {
        if (out != null && out.isStatic()) {
            c.constant(0).ifPresent(v -> c.fold(0, v.reshape(out)));
        }
    }

    static void concat(OnnxNodeContext c) {
        long axisAttr = c.attr().longValue("axis", 0);
        List<PortRef> inputs = new ArrayList<>();
        Shape out = null;
        boolean known = true;
        for (int i = 0; i < c.inputCount(); i++) {
            inputs.add(c.in(i));
            known &= c.shape(i) != null;
        }
        if (known && c.inputCount() > 0) {
            Shape first = c.shape(0);
            int axis = OnnxShapes.axis(axisAttr, first.rank(), "axis");
            long[] d = first.dims();
            for (int i = 1; i < c.inputCount(); i++) {
                Shape s = c.shape(i);
                if (s.rank() != first.rank()) {
                    throw c.fail("input " + i + " of shape " + s + " does not match input 0 of shape " + first);
                }
                long a = s.dim(axis);
                d[axis] = d[axis] == Shape.DYNAMIC || a == Shape.DYNAMIC ? Shape.DYNAMIC : d[axis] + a;
            }
            out = Shape.of(d);
        }
        c.emit(OpKinds.CONCAT, Attributes.of(Map.of("axis", axisAttr)), inputs, out, c.type(0));
        List<Tensor> parts = new ArrayList<>();
        for (int i = 0; i < c.inputCount(); i++) {
            c.constant(i).ifPresent(parts::add);
        }
        if (out != null && parts.size() == c.inputCount() && out.rank() == 1
                && parts.stream().allMatch(t -> t.elementType() == parts.get(0).elementType())) {
            List<Tensor> nonEmpty = parts.stream().filter(t -> t.elementCount() > 0).toList();
            if (!nonEmpty.isEmpty()) {
                c.fold(0, Tensor.concatBatch(nonEmpty));
            }
        }
    }

    static void split(OnnxNodeContext c) {
        Shape x = c.shape(0);
        long axisAttr = c.attr().longValue("axis", 0);
        long[] lengths = null;
        PortRef lengthsPort = null;
        if (c.opset() >= 13 && c.has(1)) {
            lengths = c.constant(1).map(Tensor::toLongArray).orElse(null);
            lengthsPort = c.in(1);
        } else if (c.opset() < 13 && c.attr().has("split")) {
            lengths = c.attr().longs("split").get();
            lengthsPort = c.addConstant("split_lengths", Tensor.ofLongs(Shape.of(lengths.length), lengths));
        }
        int n = c.outputCount();
        if (lengths != null && lengths.length != n) {
            throw c.fail("split " + java.util.Arrays.toString(lengths) + " has " + lengths.length + " sizes for " + n
                    + " outputs");
        }
        List<Shape> shapes = new ArrayList<>(Collections.nCopies(n, (Shape) null));
        if (x != null) {
            int axis = OnnxShapes.axis(axisAttr, x.rank(), "axis");
            for (int i = 0; i < n; i++) {
                long size;
                if (lengthsPort != null) {
                    size = lengths == null ? Shape.DYNAMIC : lengths[i];
                } else if (x.dim(axis) == Shape.DYNAMIC) {
                    size = Shape.DYNAMIC;
                } else {
                    // ONNX gives the last output the remainder when the axis does not divide evenly (opset 18)
                    long chunk = OnnxShapes.ceilDiv(x.dim(axis), n);
                    size = i < n - 1 ? chunk : x.dim(axis) - chunk * (n - 1);
                }
                shapes.set(i, x.withDim(axis, size));
            }
        }
        PortRef axis = c.addConstant("axis", Tensor.ofLongs(Shape.SCALAR, axisAttr));
        List<ElementType> types = Collections.nCopies(n, c.type(0));
        if (lengthsPort == null) {
            c.emitAll(OpKinds.SPLIT, Attributes.of(Map.of("num_splits", (long) n)), List.of(c.in(0), axis), shapes, types);
        } else {
            c.emitAll(OpKinds.VARIADIC_SPLIT, Attributes.EMPTY, List.of(c.in(0), axis, lengthsPort), shapes, types);
        }
    }

    static void shapeOf(OnnxNodeContext c) {
        Shape x = c.shape(0);
        if (c.attr().has("start") || c.attr().has("end")) {
            shapeRange(c, x);
            return;
        }
        c.emit(OpKinds.SHAPE_OF, Attributes.of(Map.of("output_type", "i64")), List.of(c.in(0)),
                x == null ? null : Shape.of(x.rank()), ElementType.I64);
        if (x != null && x.isStatic()) {
            c.fold(0, Tensor.ofLongs(Shape.of(x.rank()), x.dims()));
        }
    }

    /**
     * Shape-15 with {@code start}/{@code end} (negative from the rank, clamped to [0, rank]): ShapeOf
     * {@code <node>/shape}, then a StridedSlice {@code <node>} of the dimensions kept; folded when they are static.
     */
    private static void shapeRange(OnnxNodeContext c, Shape x) {
        if (x == null) {
            throw c.fail("Shape with start/end needs the input's rank");
        }
        int rank = x.rank();
        long start = clampAxis(c.attr().longValue("start", 0), rank);
        long end = clampAxis(c.attr().longValue("end", rank), rank);
        long n = Math.max(0, end - start);
        List<Shape> whole = new ArrayList<>();
        whole.add(Shape.of(rank));
        PortRef shape = c.add(c.name() + "/shape", OpKinds.SHAPE_OF, Attributes.of(Map.of("output_type", "i64")),
                List.of(c.in(0)), whole, List.of(ElementType.I64)).get(0);
        Map<String, Object> attrs = new java.util.LinkedHashMap<>();
        attrs.put("begin_mask", new long[] {0});
        attrs.put("end_mask", new long[] {0});
        attrs.put("new_axis_mask", new long[0]);
        attrs.put("shrink_axis_mask", new long[0]);
        attrs.put("ellipsis_mask", new long[0]);
        Shape out = Shape.of(n);
        c.emit(OpKinds.STRIDED_SLICE, Attributes.of(attrs), List.of(shape,
                c.addConstant("begin", Tensor.ofLongs(Shape.of(1), start)),
                c.addConstant("end", Tensor.ofLongs(Shape.of(1), Math.max(start, end))),
                c.addConstant("stride", Tensor.ofLongs(Shape.of(1), 1L))), out, ElementType.I64);
        long[] dims = Arrays.copyOfRange(x.dims(), (int) start, (int) (start + n));
        if (Arrays.stream(dims).allMatch(d -> d != Shape.DYNAMIC)) {
            c.fold(0, Tensor.ofLongs(out, dims));
        }
    }

    private static long clampAxis(long a, int rank) {
        long v = a < 0 ? a + rank : a;
        return Math.max(0, Math.min(rank, v));
    }
}
