package org.pot4j.ir.shape;

import org.pot4j.api.tensor.Shape;

/** Arithmetic on single dimensions where {@link Shape#DYNAMIC} stays dynamic and overflow is an error. */
final class Dims {
    static final long DYNAMIC = Shape.DYNAMIC;

    private Dims() {
    }

    static boolean isDynamic(long d) {
        return d == DYNAMIC;
    }

    /** {@code a + b}, dynamic if either is. */
    static long add(long a, long b) {
        return isDynamic(a) || isDynamic(b) ? DYNAMIC : Math.addExact(a, b);
    }

    /** {@code a * b}, dynamic if either is. */
    static long multiply(long a, long b) {
        return isDynamic(a) || isDynamic(b) ? DYNAMIC : Math.multiplyExact(a, b);
    }

    /** True when the two dims can be the same size (equal, or one of them dynamic). */
    static boolean compatible(long a, long b) {
        return a == b || isDynamic(a) || isDynamic(b);
    }

    /** The more precise of two compatible dims. */
    static long merge(long a, long b) {
        return isDynamic(a) ? b : a;
    }

    /** True when the two shapes have the same rank and compatible dims. */
    static boolean compatible(Shape a, Shape b) {
        if (a.rank() != b.rank()) {
            return false;
        }
        for (int i = 0; i < a.rank(); i++) {
            if (!compatible(a.dim(i), b.dim(i))) {
                return false;
            }
        }
        return true;
    }

    /** The product of all dims, dynamic if one is. */
    static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = multiply(n, d);
        }
        return n;
    }

    /** An axis in {@code [-rank, rank)} as an index in {@code [0, rank)}. */
    static int axis(long axis, int rank, String what) {
        if (axis < -rank || axis >= rank) {
            throw new ShapeInferenceException(what + " " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }
}
