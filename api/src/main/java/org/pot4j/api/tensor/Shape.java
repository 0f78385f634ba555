package org.pot4j.api.tensor;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * A tensor shape. Dimensions are non-negative, or {@link #DYNAMIC} (-1) in model port shapes whose size is known
 * only at run time; tensors always have static shapes.
 */
public final class Shape {
    /** The marker of a dynamic dimension. */
    public static final long DYNAMIC = -1;
    /** The shape of a scalar. */
    public static final Shape SCALAR = new Shape(new long[0]);

    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with these dimensions.
     *
     * @throws IllegalArgumentException if a dimension is below -1
     */
    public static Shape of(long... dims) {
        for (long d : dims) {
            if (d < DYNAMIC) {
                throw new IllegalArgumentException("invalid dimension " + d + " in shape " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** A shape with these int dimensions. */
    public static Shape of(int... dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return of(l);
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int axis) {
        return dims[axis < 0 ? dims.length + axis : axis];
    }

    public long[] dims() {
        return dims.clone();
    }

    /** Dimensions as ints; fails on a dynamic shape or one too large for int. */
    public int[] intDims() {
        int[] r = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalStateException("shape " + this + " is not static or too large");
            }
            r[i] = (int) dims[i];
        }
        return r;
    }

    public boolean isStatic() {
        for (long d : dims) {
            if (d == DYNAMIC) {
                return false;
            }
        }
        return true;
    }

    /** Product of the dimensions; fails when the shape is dynamic. */
    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            if (d == DYNAMIC) {
                throw new IllegalStateException("shape " + this + " is dynamic");
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** This shape with dimension {@code axis} replaced. */
    public Shape withDim(int axis, long value) {
        long[] d = dims.clone();
        d[axis < 0 ? d.length + axis : axis] = value;
        return of(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code [1,3,224,224]}, dynamic dimensions as {@code ?}. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (long d : dims) {
            j.add(d == DYNAMIC ? "?" : Long.toString(d));
        }
        return j.toString();
    }
}
