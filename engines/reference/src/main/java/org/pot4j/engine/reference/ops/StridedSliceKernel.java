package org.pot4j.engine.reference.ops;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * StridedSlice-1 with every mask. OpenVINO's masks are per slice-spec entry; a begin/end mask bit of 1 IGNORES the
 * given begin/end (the whole range is taken), {@code new_axis_mask} inserts a 1, {@code shrink_axis_mask} takes one
 * element and drops the axis, {@code ellipsis_mask} stands for all axes not otherwise named.
 */
final class StridedSliceKernel implements OpKernel {
    private final long[] beginMask;
    private final long[] endMask;
    private final long[] newAxisMask;
    private final long[] shrinkMask;
    private final long[] ellipsisMask;

    private StridedSliceKernel(Node node) {
        NodeAttributes a = new NodeAttributes(node);
        beginMask = a.mask("begin_mask");
        endMask = a.mask("end_mask");
        newAxisMask = a.mask("new_axis_mask");
        shrinkMask = a.mask("shrink_axis_mask");
        ellipsisMask = a.mask("ellipsis_mask");
    }

    static KernelFactory factory() {
        return (node, cc) -> new StridedSliceKernel(node);
    }

    private static boolean bit(long[] mask, int i) {
        return i < mask.length && mask[i] != 0;
    }

    @Override
    public Value[] run(Value[] in, org.pot4j.engine.reference.runtime.ExecContext ctx) {
        Value x = in[0];
        long[] begin = in[1].longs();
        long[] end = in[2].longs();
        long[] stride = in.length > 3 && in[3] != null ? in[3].longs() : null;
        int specs = Math.max(begin.length, end.length);
        int[] s = x.shape();
        int[] strides = Dims.strides(s);
        int named = 0;
        boolean hasEllipsis = false;
        for (int i = 0; i < specs; i++) {
            if (bit(ellipsisMask, i)) {
                hasEllipsis = true;
            } else if (!bit(newAxisMask, i)) {
                named++;
            }
        }
        if (named > s.length) {
            throw new IllegalArgumentException("slice names " + named + " axes of a rank-" + s.length + " input");
        }
        List<Integer> outDims = new ArrayList<>();
        List<Integer> outStrides = new ArrayList<>();
        List<Integer> finalDims = new ArrayList<>();
        int base = 0;
        int axis = 0;
        for (int i = 0; i < specs; i++) {
            if (bit(ellipsisMask, i)) {
                int take = s.length - named;
                for (int j = 0; j < take; j++, axis++) {
                    outDims.add(s[axis]);
                    outStrides.add(strides[axis]);
                    finalDims.add(s[axis]);
                }
                continue;
            }
            if (bit(newAxisMask, i)) {
                finalDims.add(1);
                continue;
            }
            int d = s[axis];
            long st = stride == null || i >= stride.length ? 1 : stride[i];
            if (st == 0) {
                throw new IllegalArgumentException("stride 0 at slice entry " + i);
            }
            if (bit(shrinkMask, i)) {
                long b = i < begin.length ? begin[i] : 0;
                b = b < 0 ? b + d : b;
                if (b < 0 || b >= d) {
                    throw new IllegalArgumentException("shrink index " + begin[i] + " outside axis " + axis + " of size " + d);
                }
                base += (int) b * strides[axis];
                axis++;
                continue;
            }
            long b;
            long e;
            if (st > 0) {
                b = bit(beginMask, i) || i >= begin.length ? 0 : clamp(begin[i] < 0 ? begin[i] + d : begin[i], 0, d);
                e = bit(endMask, i) || i >= end.length ? d : clamp(end[i] < 0 ? end[i] + d : end[i], 0, d);
            } else {
                b = bit(beginMask, i) || i >= begin.length ? d - 1 : clamp(begin[i] < 0 ? begin[i] + d : begin[i], -1, d - 1);
                e = bit(endMask, i) || i >= end.length ? -1 : clamp(end[i] < 0 ? end[i] + d : end[i], -1, d - 1);
            }
            long count = st > 0 ? Math.max(0, (e - b + st - 1) / st) : Math.max(0, (b - e + (-st) - 1) / (-st));
            if (count > 0) {
                base += (int) b * strides[axis];
            }
            outDims.add((int) count);
            outStrides.add((int) (st * strides[axis]));
            finalDims.add((int) count);
            axis++;
        }
        if (!hasEllipsis) {
            for (; axis < s.length; axis++) {
                outDims.add(s[axis]);
                outStrides.add(strides[axis]);
                finalDims.add(s[axis]);
            }
        }
        int[] dims = outDims.stream().mapToInt(Integer::intValue).toArray();
        int[] st = outStrides.stream().mapToInt(Integer::intValue).toArray();
        Value v = IndexMapping.gather(x, dims, base, st, ctx);
        return new Value[] {v.reshape(finalDims.stream().mapToInt(Integer::intValue).toArray())};
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
