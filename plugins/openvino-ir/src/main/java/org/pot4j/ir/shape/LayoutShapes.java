package org.pot4j.ir.shape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.pot4j.api.tensor.Shape;

/** Ops that move dims around: Concat, Reshape, Transpose, Squeeze, Unsqueeze, the Reduce family and ShapeOf. */
final class LayoutShapes {
    private LayoutShapes() {
    }

    /** Concat along {@code axis}: same rank, equal dims elsewhere, the axis dims summed. */
    static Shape concat(List<Shape> inputs, long axisAttribute) {
        Shape first = inputs.get(0);
        int axis = Dims.axis(axisAttribute, first.rank(), "axis");
        long[] out = first.dims();
        for (int i = 1; i < inputs.size(); i++) {
            Shape s = inputs.get(i);
            if (s.rank() != first.rank()) {
                throw new ShapeInferenceException("input " + i + " " + s + " has another rank than input 0 " + first);
            }
            for (int d = 0; d < out.length; d++) {
                if (d == axis) {
                    out[d] = Dims.add(out[d], s.dim(d));
                } else if (!Dims.compatible(out[d], s.dim(d))) {
                    throw new ShapeInferenceException("input " + i + " " + s + " differs from input 0 " + first
                            + " outside the concat axis " + axis);
                } else {
                    out[d] = Dims.merge(out[d], s.dim(d));
                }
            }
        }
        return Shape.of(out);
    }

    /** Reshape to a constant target ({@code special_zero}: 0 copies the input dim; one -1 takes the rest). */
    static Optional<Shape> reshape(Shape in, Optional<long[]> target, boolean specialZero) {
        if (target.isEmpty()) {
            return Optional.empty();
        }
        long[] t = target.get().clone();
        int minusOne = -1;
        long known = 1;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == 0 && specialZero) {
                if (i >= in.rank()) {
                    throw new ShapeInferenceException("target " + Arrays.toString(target.get()) + " copies dim " + i
                            + " (special_zero) but the input " + in + " has rank " + in.rank());
                }
                t[i] = in.dim(i);
            } else if (t[i] == -1) {
                if (minusOne >= 0) {
                    throw new ShapeInferenceException("target " + Arrays.toString(target.get()) + " has more than one -1");
                }
                minusOne = i;
                continue;
            } else if (t[i] < -1) {
                throw new ShapeInferenceException("target " + Arrays.toString(target.get()) + " has a negative dim");
            }
            known = Dims.multiply(known, t[i]);
        }
        long count = Dims.product(in.dims());
        if (minusOne >= 0) {
            if (Dims.isDynamic(count) || Dims.isDynamic(known)) {
                t[minusOne] = Dims.DYNAMIC;
            } else if (known == 0 || count % known != 0) {
                throw new ShapeInferenceException("cannot reshape " + in + " (" + count + " elements) to "
                        + Arrays.toString(target.get()));
            } else {
                t[minusOne] = count / known;
            }
        } else if (!Dims.isDynamic(count) && !Dims.isDynamic(known) && count != known) {
            throw new ShapeInferenceException("cannot reshape " + in + " (" + count + " elements) to "
                    + Arrays.toString(target.get()) + " (" + known + " elements)");
        }
        return Optional.of(Shape.of(t));
    }

    /** Transpose by a constant order (empty: reverse the dims). */
    static Optional<Shape> transpose(Shape in, Optional<long[]> order) {
        if (order.isEmpty()) {
            return Optional.empty();
        }
        long[] o = order.get();
        if (o.length == 0) {
            long[] out = new long[in.rank()];
            for (int i = 0; i < out.length; i++) {
                out[i] = in.dim(in.rank() - 1 - i);
            }
            return Optional.of(Shape.of(out));
        }
        if (o.length != in.rank()) {
            throw new ShapeInferenceException("order " + Arrays.toString(o) + " does not fit the rank of " + in);
        }
        boolean[] seen = new boolean[o.length];
        long[] out = new long[o.length];
        for (int i = 0; i < o.length; i++) {
            if (o[i] < 0 || o[i] >= o.length || seen[(int) o[i]]) {
                throw new ShapeInferenceException("order " + Arrays.toString(o) + " is not a permutation of the " + o.length
                        + " axes of " + in);
            }
            seen[(int) o[i]] = true;
            out[i] = in.dim((int) o[i]);
        }
        return Optional.of(Shape.of(out));
    }

    /** Squeeze the given axes (each of size 1), or every dim of size 1 when there are no axes. */
    static Optional<Shape> squeeze(Shape in, Optional<long[]> axes, boolean hasAxesInput) {
        if (hasAxesInput && axes.isEmpty()) {
            return Optional.empty();
        }
        boolean[] drop = new boolean[in.rank()];
        if (!hasAxesInput) {
            for (int i = 0; i < drop.length; i++) {
                if (Dims.isDynamic(in.dim(i))) {
                    return Optional.empty();
                }
                drop[i] = in.dim(i) == 1;
            }
        } else {
            for (long a : axes.get()) {
                int axis = Dims.axis(a, in.rank(), "squeeze axis");
                if (Dims.isDynamic(in.dim(axis))) {
                    return Optional.empty();
                }
                if (in.dim(axis) != 1) {
                    throw new ShapeInferenceException("squeeze axis " + a + " of " + in + " has size " + in.dim(axis)
                            + ", not 1");
                }
                drop[axis] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < drop.length; i++) {
            if (!drop[i]) {
                out.add(in.dim(i));
            }
        }
        return Optional.of(Shape.of(out.stream().mapToLong(Long::longValue).toArray()));
    }

    /** Unsqueeze: a dim of size 1 at each axis of the output. */
    static Optional<Shape> unsqueeze(Shape in, Optional<long[]> axes) {
        if (axes.isEmpty()) {
            return Optional.empty();
        }
        int rank = in.rank() + axes.get().length;
        TreeSet<Integer> at = new TreeSet<>();
        for (long a : axes.get()) {
            if (!at.add(Dims.axis(a, rank, "unsqueeze axis"))) {
                throw new ShapeInferenceException("unsqueeze axes " + Arrays.toString(axes.get()) + " repeat an axis");
            }
        }
        long[] out = new long[rank];
        int next = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = at.contains(i) ? 1 : in.dim(next++);
        }
        return Optional.of(Shape.of(out));
    }

    /** ReduceMean/Sum/...: the axes removed, or kept as 1 with {@code keep_dims}. */
    static Optional<Shape> reduce(Shape in, Optional<long[]> axes, boolean keepDims) {
        if (axes.isEmpty()) {
            return Optional.empty();
        }
        boolean[] reduced = new boolean[in.rank()];
        for (long a : axes.get()) {
            reduced[Dims.axis(a, in.rank(), "reduction axis")] = true;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < reduced.length; i++) {
            if (!reduced[i]) {
                out.add(in.dim(i));
            } else if (keepDims) {
                out.add(1L);
            }
        }
        return Optional.of(Shape.of(out.stream().mapToLong(Long::longValue).toArray()));
    }

    /** ShapeOf: a 1-D tensor holding the input's dims. */
    static Shape shapeOf(Shape in) {
        return Shape.of(in.rank());
    }
}
