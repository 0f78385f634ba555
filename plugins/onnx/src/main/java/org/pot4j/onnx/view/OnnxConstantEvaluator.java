package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongBinaryOperator;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.tensor.OnnxDataTypes;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * Evaluates one ONNX node whose inputs are all constants, for the view's constant folding: the ops exporters use to
 * compute shapes, pads and weights from initializers (Split, Concat, Slice, Gather, Transpose, Reshape, Squeeze,
 * Unsqueeze, Flatten, Expand, Tile, Cast, Range, ConstantOfShape, Shape, Size, Where, elementwise arithmetic and
 * comparisons). Data-moving ops copy elements bit for bit; arithmetic works in {@code double} for floating-point types
 * and in {@code long} for integer ones, as ONNX computes them (integer Div truncates). Anything else, and results
 * above {@link #MAX_ELEMENTS} elements, are not evaluated ({@link Optional#empty()}).
 */
final class OnnxConstantEvaluator {
    /** The largest result folded (16 M elements: computed weights fold, nothing the size of an activation batch). */
    static final long MAX_ELEMENTS = 1L << 24;

    /** The ONNX op types this evaluator computes. */
    static final Set<String> OPS = Set.of("Split", "Concat", "Slice", "Gather", "Transpose", "Reshape", "Squeeze",
            "Unsqueeze", "Flatten", "Expand", "Tile", "Cast", "Range", "ConstantOfShape", "Shape", "Size", "Where",
            "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Mod", "Equal", "Less", "Greater", "LessOrEqual",
            "GreaterOrEqual", "And", "Or", "Xor", "Neg", "Abs", "Floor", "Ceil", "Sqrt", "Exp", "Log", "Reciprocal",
            "Relu", "Sigmoid", "Not", "Sign", "Identity", "Clip", "ReduceProd", "ReduceSum", "ReduceMin", "ReduceMax");

    private OnnxConstantEvaluator() {
    }

    /**
     * The values of the node's outputs (one per ONNX output), or empty when the op is not evaluated here or a result
     * would be too large.
     *
     * @param inputs the constant inputs, null for absent optional ones
     */
    static Optional<List<Tensor>> evaluate(OnnxNodeContext c, List<Tensor> inputs) {
        if (!OPS.contains(c.opType())) {
            return Optional.empty();
        }
        for (Tensor t : inputs) {
            if (t != null && (t.elementType().isPacked() || t.elementCount() > MAX_ELEMENTS)) {
                return Optional.empty();
            }
        }
        List<Tensor> out = switch (c.opType()) {
            case "Split" -> split(c, inputs);
            case "Concat" -> List.of(concat(inputs, c.attr().longValue("axis", 0)));
            case "Slice" -> List.of(slice(c, inputs));
            case "Gather" -> List.of(gather(inputs.get(0), inputs.get(1), c.attr().longValue("axis", 0)));
            case "Transpose" -> List.of(transpose(c, inputs.get(0)));
            case "Reshape", "Squeeze", "Unsqueeze", "Flatten", "Identity" -> List.of(reshaped(c, inputs.get(0)));
            case "Expand" -> List.of(expand(inputs.get(0), Shape.of(inputs.get(1).toLongArray())));
            case "Tile" -> List.of(tile(inputs.get(0), inputs.get(1).toLongArray()));
            case "Cast" -> List.of(cast(c, inputs.get(0)));
            case "Range" -> List.of(range(inputs));
            case "ConstantOfShape" -> List.of(constantOfShape(c, inputs.get(0)));
            case "Shape" -> List.of(Tensor.ofLongs(Shape.of(inputs.get(0).shape().rank()),
                    inputs.get(0).shape().dims()));
            case "Size" -> List.of(Tensor.ofLongs(Shape.SCALAR, inputs.get(0).elementCount()));
            case "Where" -> List.of(where(inputs));
            case "Clip" -> List.of(clip(c, inputs));
            case "ReduceProd", "ReduceSum", "ReduceMin", "ReduceMax" -> reduce(c, inputs);
            default -> elementwise(c.opType(), inputs);
        };
        return out == null ? Optional.empty() : Optional.of(out);
    }

    // ---- data movement: each output element is an input element, copied bit for bit

    /** A tensor of {@code type} and {@code shape} whose element {@code i} is element {@code from[i]} of {@code src}. */
    private static Tensor pick(Tensor src, Shape shape, int[] from) {
        int size = (int) src.elementType().byteSize(1);
        byte[] in = src.toByteArray();
        byte[] out = new byte[from.length * size];
        for (int i = 0; i < from.length; i++) {
            System.arraycopy(in, from[i] * size, out, i * size, size);
        }
        return Tensor.of(src.elementType(), shape, out);
    }

    private static long[] strides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** For each element of {@code out}, the index of the element of {@code in} numpy broadcasting reads. */
    private static int[] broadcastIndex(Shape in, Shape out) {
        long[] od = out.dims();
        long[] id = new long[od.length];
        Arrays.fill(id, 1);
        for (int i = 0; i < in.rank(); i++) {
            id[od.length - in.rank() + i] = in.dim(i);
        }
        long[] is = strides(id);
        return sourceIndex(od, (a, coord) -> id[a] == 1 ? 0 : coord * is[a]);
    }

    /** The source offset one output coordinate contributes on one axis. */
    private interface AxisOffset {
        long of(int axis, long coordinate);
    }

    /**
     * For each element of an output of dimensions {@code od}, in row-major order, the flat index of the source element
     * it reads: the sum over axes of {@code offset(axis, coordinate)}.
     */
    private static int[] sourceIndex(long[] od, AxisOffset offset) {
        long count = 1;
        for (long d : od) {
            count *= d;
        }
        int[] from = new int[(int) count];
        long[] coord = new long[od.length];
        for (int i = 0; i < from.length; i++) {
            long flat = 0;
            for (int a = 0; a < od.length; a++) {
                flat += offset.of(a, coord[a]);
            }
            from[i] = (int) flat;
            for (int a = od.length - 1; a >= 0; a--) {
                if (++coord[a] < od[a]) {
                    break;
                }
                coord[a] = 0;
            }
        }
        return from;
    }

    private static Shape checked(Shape s) {
        if (!s.isStatic() || s.elementCount() > MAX_ELEMENTS) {
            throw new TooLarge();
        }
        return s;
    }

    static Tensor concat(List<Tensor> parts, long axisAttr) {
        Tensor first = parts.get(0);
        int rank = first.shape().rank();
        int axis = OnnxShapes.axis(axisAttr, rank, "axis");
        long[] d = first.shape().dims();
        d[axis] = 0;
        for (Tensor t : parts) {
            if (t.shape().rank() != rank || t.elementType() != first.elementType()) {
                throw new IllegalArgumentException("constant inputs " + first.shape() + " and " + t.shape()
                        + " cannot be concatenated");
            }
            d[axis] += t.shape().dim(axis);
        }
        Shape out = checked(Shape.of(d));
        long inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= d[i];
        }
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= d[i];
        }
        int size = (int) first.elementType().byteSize(1);
        byte[] bytes = new byte[(int) out.elementCount() * size];
        int pos = 0;
        List<byte[]> raw = parts.stream().map(Tensor::toByteArray).toList();
        for (long o = 0; o < outer; o++) {
            for (int p = 0; p < parts.size(); p++) {
                int block = (int) (parts.get(p).shape().dim(axis) * inner * size);
                System.arraycopy(raw.get(p), (int) (o * block), bytes, pos, block);
                pos += block;
            }
        }
        return Tensor.of(first.elementType(), out, bytes);
    }

    private static List<Tensor> split(OnnxNodeContext c, List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int axis = OnnxShapes.axis(c.attr().longValue("axis", 0), x.shape().rank(), "axis");
        long dim = x.shape().dim(axis);
        int n = c.outputCount();
        long[] lengths;
        if (inputs.size() > 1 && inputs.get(1) != null) {
            lengths = inputs.get(1).toLongArray();
        } else if (c.attr().has("split")) {
            lengths = c.attr().longs("split").get();
        } else {
            lengths = new long[n];
            long chunk = OnnxShapes.ceilDiv(dim, n);
            for (int i = 0; i < n; i++) {
                lengths[i] = i < n - 1 ? chunk : dim - chunk * (n - 1);
            }
        }
        if (lengths.length != n || Arrays.stream(lengths).sum() != dim) {
            throw new IllegalArgumentException("split lengths " + Arrays.toString(lengths) + " do not divide axis "
                    + axis + " of " + x.shape() + " into " + n + " outputs");
        }
        List<Tensor> out = new ArrayList<>();
        long start = 0;
        for (long len : lengths) {
            long[] starts = new long[x.shape().rank()];
            long[] ends = x.shape().dims();
            starts[axis] = start;
            ends[axis] = start + len;
            out.add(sliced(x, starts, ends, OnnxShapes.filled(starts.length, 1)));
            start += len;
        }
        return out;
    }

    private static Tensor slice(OnnxNodeContext c, List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        int rank = x.shape().rank();
        long[] startsIn;
        long[] endsIn;
        long[] axes;
        long[] steps;
        if (c.opset() < 10) {
            startsIn = c.attr().longs("starts").orElseThrow();
            endsIn = c.attr().longs("ends").orElseThrow();
            axes = c.attr().longs("axes").orElse(null);
            steps = null;
        } else {
            startsIn = inputs.get(1).toLongArray();
            endsIn = inputs.get(2).toLongArray();
            axes = inputs.size() > 3 && inputs.get(3) != null ? inputs.get(3).toLongArray() : null;
            steps = inputs.size() > 4 && inputs.get(4) != null ? inputs.get(4).toLongArray() : null;
        }
        long[] starts = new long[rank];
        long[] ends = x.shape().dims();
        long[] stride = OnnxShapes.filled(rank, 1);
        for (int i = 0; i < startsIn.length; i++) {
            int a = OnnxShapes.axis(axes == null ? i : axes[i], rank, "axis");
            long dim = x.shape().dim(a);
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw new IllegalArgumentException("step 0 on axis " + a);
            }
            long s = startsIn[i] < 0 ? startsIn[i] + dim : startsIn[i];
            long e = endsIn[i] < 0 ? endsIn[i] + dim : endsIn[i];
            if (step > 0) {
                s = Math.max(0, Math.min(dim, s));
                e = Math.max(0, Math.min(dim, e));
            } else {
                s = Math.max(-1, Math.min(dim - 1, s));
                e = Math.max(-1, Math.min(dim - 1, e));
            }
            starts[a] = s;
            ends[a] = e;
            stride[a] = step;
        }
        return sliced(x, starts, ends, stride);
    }

    /** Elements {@code starts[a] + k * steps[a]} short of {@code ends[a]} on every axis (bounds already clamped). */
    private static Tensor sliced(Tensor x, long[] starts, long[] ends, long[] steps) {
        int rank = starts.length;
        long[] od = new long[rank];
        for (int a = 0; a < rank; a++) {
            long span = steps[a] > 0 ? ends[a] - starts[a] : starts[a] - ends[a];
            od[a] = span > 0 ? OnnxShapes.ceilDiv(span, Math.abs(steps[a])) : 0;
        }
        Shape out = checked(Shape.of(od));
        long[] is = strides(x.shape().dims());
        return pick(x, out, sourceIndex(od, (a, coord) -> (starts[a] + coord * steps[a]) * is[a]));
    }

    static Tensor gather(Tensor x, Tensor indices, long axisAttr) {
        int rank = x.shape().rank();
        int axis = OnnxShapes.axis(axisAttr, rank, "axis");
        long[] idx = indices.toLongArray();
        long dim = x.shape().dim(axis);
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= x.shape().dim(i);
        }
        long inner = 1;
        for (int i = axis + 1; i < rank; i++) {
            inner *= x.shape().dim(i);
        }
        long[] od = new long[rank - 1 + indices.shape().rank()];
        int k = 0;
        for (int i = 0; i < axis; i++) {
            od[k++] = x.shape().dim(i);
        }
        for (long v : indices.shape().dims()) {
            od[k++] = v;
        }
        for (int i = axis + 1; i < rank; i++) {
            od[k++] = x.shape().dim(i);
        }
        Shape out = checked(Shape.of(od));
        int[] from = new int[(int) out.elementCount()];
        int p = 0;
        for (long o = 0; o < outer; o++) {
            for (long j : idx) {
                long jj = j < 0 ? j + dim : j;
                if (jj < 0 || jj >= dim) {
                    throw new IllegalArgumentException("index " + j + " is outside axis " + axis + " of size " + dim);
                }
                for (long in = 0; in < inner; in++) {
                    from[p++] = (int) ((o * dim + jj) * inner + in);
                }
            }
        }
        return pick(x, out, from);
    }

    private static Tensor transpose(OnnxNodeContext c, Tensor x) {
        int rank = x.shape().rank();
        long[] perm = c.attr().longs("perm").orElseGet(() -> {
            long[] p = new long[rank];
            Arrays.setAll(p, i -> rank - 1 - i);
            return p;
        });
        long[] is = strides(x.shape().dims());
        long[] od = new long[rank];
        long[] os = new long[rank];
        for (int i = 0; i < rank; i++) {
            od[i] = x.shape().dim((int) perm[i]);
            os[i] = is[(int) perm[i]];
        }
        Shape out = Shape.of(od);
        return pick(x, out, sourceIndex(od, (a, coord) -> coord * os[a]));
    }

    /** Reshape-like ops: the view's shape inference already computed the output shape. */
    private static Tensor reshaped(OnnxNodeContext c, Tensor x) {
        Shape s = c.outputShape(0);
        return s == null || !s.isStatic() ? null : x.reshape(s);
    }

    static Tensor expand(Tensor x, Shape target) {
        Shape out = checked(OnnxShapes.broadcast(x.shape(), target));
        return pick(x, out, broadcastIndex(x.shape(), out));
    }

    private static Tensor tile(Tensor x, long[] repeats) {
        int rank = x.shape().rank();
        long[] od = x.shape().dims();
        for (int i = 0; i < rank; i++) {
            od[i] *= repeats[i];
        }
        Shape out = checked(Shape.of(od));
        long[] is = strides(x.shape().dims());
        return pick(x, out, sourceIndex(od, (a, coord) -> (coord % x.shape().dim(a)) * is[a]));
    }

    // ---- arithmetic

    private static Tensor cast(OnnxNodeContext c, Tensor x) {
        ElementType to = OnnxDataTypes.elementType((int) c.attr().longValue("to", 0)).orElse(null);
        if (to == null || to.isPacked()) {
            return null;
        }
        if (x.elementType().isFloatingPoint() && !to.isFloatingPoint() && to != ElementType.BOOLEAN) {
            double[] d = x.toDoubleArray();
            long[] l = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                l[i] = (long) d[i]; // ONNX Cast truncates toward zero
            }
            return ofLongs(to, x.shape(), l);
        }
        if (!x.elementType().isFloatingPoint() && !to.isFloatingPoint()) {
            long[] l = x.toLongArray();
            if (to == ElementType.BOOLEAN) {
                for (int i = 0; i < l.length; i++) {
                    l[i] = l[i] != 0 ? 1 : 0;
                }
            }
            return ofLongs(to, x.shape(), l);
        }
        if (to == ElementType.BOOLEAN) {
            double[] d = x.toDoubleArray();
            long[] l = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                l[i] = d[i] != 0 ? 1 : 0;
            }
            return ofLongs(to, x.shape(), l);
        }
        return ofDoubles(to, x.shape(), x.toDoubleArray());
    }

    private static Tensor range(List<Tensor> in) {
        Tensor start = in.get(0);
        ElementType type = start.elementType();
        if (type.isFloatingPoint()) {
            double s = start.toDoubleArray()[0];
            double limit = in.get(1).toDoubleArray()[0];
            double delta = in.get(2).toDoubleArray()[0];
            long n = Math.max(0, (long) Math.ceil((limit - s) / delta));
            checked(Shape.of(n));
            double[] d = new double[(int) n];
            for (int i = 0; i < n; i++) {
                d[i] = s + i * delta;
            }
            return ofDoubles(type, Shape.of(n), d);
        }
        long s = start.toLongArray()[0];
        long limit = in.get(1).toLongArray()[0];
        long delta = in.get(2).toLongArray()[0];
        if (delta == 0) {
            throw new IllegalArgumentException("Range with delta 0");
        }
        long n = Math.max(0, (long) Math.ceil((limit - s) / (double) delta));
        checked(Shape.of(n));
        long[] l = new long[(int) n];
        for (int i = 0; i < n; i++) {
            l[i] = s + i * delta;
        }
        return ofLongs(type, Shape.of(n), l);
    }

    private static Tensor constantOfShape(OnnxNodeContext c, Tensor shape) {
        Tensor fill = c.attr().tensor("value").map(t -> OnnxTensors.decode(t, p -> {
            throw new IllegalArgumentException("external data in an attribute");
        })).orElse(Tensor.ofFloats(Shape.of(1), 0f));
        Shape out = checked(Shape.of(shape.toLongArray()));
        return pick(fill.reshape(Shape.SCALAR), out, new int[(int) out.elementCount()]);
    }

    private static Tensor where(List<Tensor> in) {
        Tensor cond = in.get(0);
        Tensor x = in.get(1);
        Tensor y = in.get(2);
        Shape out = checked(OnnxShapes.broadcast(OnnxShapes.broadcast(cond.shape(), x.shape()), y.shape()));
        int[] ci = broadcastIndex(cond.shape(), out);
        int[] xi = broadcastIndex(x.shape(), out);
        int[] yi = broadcastIndex(y.shape(), out);
        long[] c = cond.toLongArray();
        Tensor px = pick(x, out, xi);
        Tensor py = pick(y, out, yi);
        int size = (int) x.elementType().byteSize(1);
        byte[] bx = px.toByteArray();
        byte[] by = py.toByteArray();
        for (int i = 0; i < ci.length; i++) {
            if (c[ci[i]] == 0) {
                System.arraycopy(by, i * size, bx, i * size, size);
            }
        }
        return Tensor.of(x.elementType(), out, bx);
    }

    private static Tensor clip(OnnxNodeContext c, List<Tensor> in) {
        Tensor x = in.get(0);
        double lo;
        double hi;
        if (c.opset() < 11) {
            lo = c.attr().floatValue("min", Double.NEGATIVE_INFINITY);
            hi = c.attr().floatValue("max", Double.POSITIVE_INFINITY);
        } else {
            lo = in.size() > 1 && in.get(1) != null ? in.get(1).toDoubleArray()[0] : Double.NEGATIVE_INFINITY;
            hi = in.size() > 2 && in.get(2) != null ? in.get(2).toDoubleArray()[0] : Double.POSITIVE_INFINITY;
        }
        double[] d = x.toDoubleArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.min(hi, Math.max(lo, d[i]));
        }
        return x.elementType().isFloatingPoint() ? ofDoubles(x.elementType(), x.shape(), d)
                : ofLongs(x.elementType(), x.shape(), Arrays.stream(d).mapToLong(v -> (long) v).toArray());
    }

    private static List<Tensor> reduce(OnnxNodeContext c, List<Tensor> in) {
        Tensor x = in.get(0);
        Shape out = c.outputShape(0);
        if (out == null || !out.isStatic()) {
            return null;
        }
        long[] axes = in.size() > 1 && in.get(1) != null ? in.get(1).toLongArray()
                : c.attr().longs("axes").orElse(null);
        int rank = x.shape().rank();
        boolean[] reduced = new boolean[rank];
        if (axes == null || axes.length == 0) {
            if (c.attr().longValue("noop_with_empty_axes", 0) != 0) {
                return List.of(x);
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[OnnxShapes.axis(a, rank, "axis")] = true;
            }
        }
        long[] kept = x.shape().dims();
        for (int a = 0; a < rank; a++) {
            if (reduced[a]) {
                kept[a] = 1;
            }
        }
        long[] ks = strides(kept);
        double[] d = x.toDoubleArray();
        int m = (int) Shape.of(kept).elementCount();
        double[] acc = new double[m];
        String op = c.opType();
        Arrays.fill(acc, switch (op) {
            case "ReduceProd" -> 1;
            case "ReduceMin" -> Double.POSITIVE_INFINITY;
            case "ReduceMax" -> Double.NEGATIVE_INFINITY;
            default -> 0;
        });
        long[] coord = new long[rank];
        for (int i = 0; i < d.length; i++) {
            long flat = 0;
            for (int a = 0; a < rank; a++) {
                flat += reduced[a] ? 0 : coord[a] * ks[a];
            }
            int j = (int) flat;
            acc[j] = switch (op) {
                case "ReduceProd" -> acc[j] * d[i];
                case "ReduceMin" -> Math.min(acc[j], d[i]);
                case "ReduceMax" -> Math.max(acc[j], d[i]);
                default -> acc[j] + d[i];
            };
            for (int a = rank - 1; a >= 0; a--) {
                if (++coord[a] < x.shape().dim(a)) {
                    break;
                }
                coord[a] = 0;
            }
        }
        ElementType t = x.elementType();
        Tensor r = t.isFloatingPoint() ? ofDoubles(t, Shape.of(kept), acc)
                : ofLongs(t, Shape.of(kept), Arrays.stream(acc).mapToLong(v -> (long) v).toArray());
        return List.of(r.reshape(out));
    }

    private static List<Tensor> elementwise(String op, List<Tensor> in) {
        Tensor a = in.get(0);
        ElementType t = a.elementType();
        if (in.size() == 1) {
            return List.of(unary(op, a));
        }
        if (in.size() != 2 || in.get(1) == null) {
            return null;
        }
        Tensor b = in.get(1);
        Shape out = checked(OnnxShapes.broadcast(a.shape(), b.shape()));
        int[] ai = broadcastIndex(a.shape(), out);
        int[] bi = broadcastIndex(b.shape(), out);
        int n = ai.length;
        boolean comparison = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual").contains(op);
        boolean logical = Set.of("And", "Or", "Xor").contains(op);
        if (t.isFloatingPoint() || b.elementType().isFloatingPoint()) {
            double[] x = a.toDoubleArray();
            double[] y = b.toDoubleArray();
            double[] r = new double[n];
            DoubleBinaryOperator f = switch (op) {
                case "Add" -> Double::sum;
                case "Sub" -> (p, q) -> p - q;
                case "Mul" -> (p, q) -> p * q;
                case "Div" -> (p, q) -> p / q;
                case "Pow" -> Math::pow;
                case "Max" -> Math::max;
                case "Min" -> Math::min;
                case "Mod" -> (p, q) -> p % q; // fmod: ONNX requires fmod=1 for floats
                case "Equal" -> (p, q) -> p == q ? 1 : 0;
                case "Less" -> (p, q) -> p < q ? 1 : 0;
                case "Greater" -> (p, q) -> p > q ? 1 : 0;
                case "LessOrEqual" -> (p, q) -> p <= q ? 1 : 0;
                case "GreaterOrEqual" -> (p, q) -> p >= q ? 1 : 0;
                default -> null;
            };
            if (f == null) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                r[i] = f.applyAsDouble(x[ai[i]], y[bi[i]]);
            }
            if (comparison) {
                return List.of(ofLongs(ElementType.BOOLEAN, out, Arrays.stream(r).mapToLong(v -> (long) v).toArray()));
            }
            return List.of(ofDoubles(t, out, r));
        }
        long[] x = a.toLongArray();
        long[] y = b.toLongArray();
        long[] r = new long[n];
        LongBinaryOperator f = switch (op) {
            case "Add" -> Long::sum;
            case "Sub" -> (p, q) -> p - q;
            case "Mul" -> (p, q) -> p * q;
            case "Div" -> (p, q) -> p / q;
            case "Pow" -> (p, q) -> (long) Math.pow(p, q);
            case "Max" -> Math::max;
            case "Min" -> Math::min;
            case "Mod" -> Math::floorMod; // integer Mod with fmod=0 takes the divisor's sign
            case "Equal" -> (p, q) -> p == q ? 1 : 0;
            case "Less" -> (p, q) -> p < q ? 1 : 0;
            case "Greater" -> (p, q) -> p > q ? 1 : 0;
            case "LessOrEqual" -> (p, q) -> p <= q ? 1 : 0;
            case "GreaterOrEqual" -> (p, q) -> p >= q ? 1 : 0;
            case "And" -> (p, q) -> p != 0 && q != 0 ? 1 : 0;
            case "Or" -> (p, q) -> p != 0 || q != 0 ? 1 : 0;
            case "Xor" -> (p, q) -> (p != 0) != (q != 0) ? 1 : 0;
            default -> null;
        };
        if (f == null) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            r[i] = f.applyAsLong(x[ai[i]], y[bi[i]]);
        }
        return List.of(ofLongs(comparison || logical ? ElementType.BOOLEAN : t, out, r));
    }

    private static Tensor unary(String op, Tensor a) {
        ElementType t = a.elementType();
        if (!t.isFloatingPoint()) {
            long[] x = a.toLongArray();
            for (int i = 0; i < x.length; i++) {
                x[i] = switch (op) {
                    case "Neg" -> -x[i];
                    case "Abs" -> Math.abs(x[i]);
                    case "Relu" -> Math.max(0, x[i]);
                    case "Sign" -> Long.signum(x[i]);
                    case "Not" -> x[i] == 0 ? 1 : 0;
                    case "Floor", "Ceil" -> x[i];
                    default -> throw new TooLarge(); // not an integer op: leave it to the runtime
                };
            }
            return ofLongs(t, a.shape(), x);
        }
        DoubleUnaryOperator f = switch (op) {
            case "Neg" -> v -> -v;
            case "Abs" -> Math::abs;
            case "Floor" -> Math::floor;
            case "Ceil" -> Math::ceil;
            case "Sqrt" -> Math::sqrt;
            case "Exp" -> Math::exp;
            case "Log" -> Math::log;
            case "Reciprocal" -> v -> 1 / v;
            case "Relu" -> v -> Math.max(0, v);
            case "Sigmoid" -> v -> 1 / (1 + Math.exp(-v));
            case "Sign" -> Math::signum;
            default -> null;
        };
        if (f == null) {
            return null;
        }
        double[] x = a.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            x[i] = f.applyAsDouble(x[i]);
        }
        return ofDoubles(t, a.shape(), x);
    }

    static Tensor ofLongs(ElementType type, Shape shape, long[] values) {
        switch (type) {
            case I64:
                return Tensor.ofLongs(shape, values);
            case I32: {
                int[] v = new int[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) values[i];
                }
                return Tensor.ofInts(shape, v);
            }
            default: {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = values[i];
                }
                return Tensor.fromFloats(type, shape, f);
            }
        }
    }

    static Tensor ofDoubles(ElementType type, Shape shape, double[] values) {
        if (type == ElementType.F64) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(values);
            return Tensor.of(type, shape, b.array());
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Tensor.fromFloats(type, shape, f);
    }

    /** A result that would be too large (or dynamic) to fold; the node is then left to the runtime. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
