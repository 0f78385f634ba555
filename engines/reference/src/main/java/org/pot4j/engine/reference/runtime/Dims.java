package org.pot4j.engine.reference.runtime;

import java.util.Arrays;

/** Arithmetic on int shapes: element counts, strides, axis normalisation. */
public final class Dims {
    private Dims() {
    }

    /** The number of elements of {@code shape}. */
    public static int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31 elements");
        }
        return (int) n;
    }

    /** Row-major strides of {@code shape}. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** The product of dims {@code [from, to)}. */
    public static int product(int[] shape, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= shape[i];
        }
        return n;
    }

    /**
     * {@code axis} in {@code [0, rank)}, counting negative axes from the end.
     *
     * @throws IllegalArgumentException when out of range
     */
    public static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    /** Long dims to int dims. */
    public static int[] toInts(long[] dims) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("invalid dimension " + dims[i] + " in " + Arrays.toString(dims));
            }
            out[i] = (int) dims[i];
        }
        return out;
    }

    public static long[] toLongs(int[] dims) {
        long[] out = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = dims[i];
        }
        return out;
    }

    public static String format(int[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }
}
