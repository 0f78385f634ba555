package org.pot4j.data.numpy;

/**
 * Rearranges the elements of a column-major (Fortran-order) array into row-major (C) order, as
 * {@code np.ascontiguousarray} does: the array keeps its shape and values, only the byte layout changes.
 */
final class FortranOrder {
    private FortranOrder() {
    }

    /**
     * The C-order bytes of the Fortran-order {@code data}.
     *
     * @param data     the elements, first axis varying fastest
     * @param dims     the array shape (its element count times {@code itemSize} is {@code data.length})
     * @param itemSize bytes per element
     * @return a new array, or {@code data} itself when both orders coincide (at most one axis longer than 1)
     */
    static byte[] toC(byte[] data, long[] dims, int itemSize) {
        int longAxes = 0;
        for (long d : dims) {
            if (d > 1) {
                longAxes++;
            }
        }
        if (longAxes <= 1 || data.length == 0) {
            return data;
        }
        int rank = dims.length;
        // Fortran strides in elements: axis 0 is contiguous
        long[] stride = new long[rank];
        long s = 1;
        for (int axis = 0; axis < rank; axis++) {
            stride[axis] = s;
            s *= dims[axis];
        }
        byte[] out = new byte[data.length];
        long[] index = new long[rank];
        long source = 0;
        for (int target = 0; target < out.length; target += itemSize) {
            System.arraycopy(data, (int) (source * itemSize), out, target, itemSize);
            // next C index: the last axis varies fastest
            for (int axis = rank - 1; axis >= 0; axis--) {
                if (++index[axis] < dims[axis]) {
                    source += stride[axis];
                    break;
                }
                source -= stride[axis] * (dims[axis] - 1);
                index[axis] = 0;
            }
        }
        return out;
    }
}
