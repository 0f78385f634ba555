package org.pot4j.onnx.view;

import java.util.Arrays;
import org.pot4j.api.tensor.Shape;

/**
 * Shape arithmetic of ONNX ops for the view's static shape inference. A {@code null} shape means "unknown"
 * (the result is then unknown too); {@link Shape#DYNAMIC} dimensions propagate.
 */
final class OnnxShapes {
    private OnnxShapes() {
    }

    /** Numpy-style broadcast of two shapes. */
    static Shape broadcast(Shape a, Shape b) {
        if (a == null || b == null) {
            return null;
        }
        int rank = Math.max(a.rank(), b.rank());
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.rank() ? 1 : a.dim(i - (rank - a.rank()));
            long y = i < rank - b.rank() ? 1 : b.dim(i - (rank - b.rank()));
            if (x == y || y == 1) {
                out[i] = x;
            } else if (x == 1) {
                out[i] = y;
            } else if (x == Shape.DYNAMIC || y == Shape.DYNAMIC) {
                out[i] = x == Shape.DYNAMIC ? y : x;
            } else {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " cannot be broadcast together");
            }
        }
        return Shape.of(out);
    }

    /**
     * The size of one spatial output axis of a convolution or pooling.
     *
     * @param ceil round up (pooling's ceil_mode); a last window starting in the end padding is dropped, as ONNX does
     */
    static long spatial(long in, long kernel, long stride, long dilation, long padBegin, long padEnd, String autoPad,
                        boolean ceil) {
        if (in == Shape.DYNAMIC) {
            return Shape.DYNAMIC;
        }
        long effective = (kernel - 1) * dilation + 1;
        switch (autoPad) {
            case "same_upper":
            case "same_lower":
                return ceilDiv(in, stride);
            case "valid":
                return Math.max(0, ceilDiv(in - effective + 1, stride));
            default:
                long span = in + padBegin + padEnd - effective;
                if (span < 0) {
                    throw new IllegalArgumentException("a window of " + effective + " does not fit into " + in
                            + " (+" + (padBegin + padEnd) + " padding)");
                }
                long out = (ceil ? ceilDiv(span, stride) : span / stride) + 1;
                if (ceil && (out - 1) * stride >= in + padBegin) {
                    out--;
                }
                return out;
        }
    }

    static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }

    /** {@code n} copies of {@code value}. */
    static long[] filled(int n, long value) {
        long[] a = new long[n];
        Arrays.fill(a, value);
        return a;
    }

    /** Normalises a possibly negative axis against {@code rank}. */
    static int axis(long axis, int rank, String what) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(what + " " + axis + " is outside a rank-" + rank + " input");
        }
        return (int) a;
    }

    /** The element count, or -1 when a dimension is dynamic. */
    static long count(Shape s) {
        return s.isStatic() ? s.elementCount() : -1;
    }
}
