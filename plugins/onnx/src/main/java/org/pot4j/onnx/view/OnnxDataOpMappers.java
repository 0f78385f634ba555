package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.tensor.OnnxTensors;

/**
 * Constants and data selection: Constant (a weight, like an initializer), Identity/Dropout (dropped from the view:
 * their output is another name of their input), Gather, Slice (StridedSlice over every axis), Pad (every mode, Pad-18's
 * axes spread over all axes), ConstantOfShape
 * and Expand (Broadcast).
 */
final class OnnxDataOpMappers {
    private OnnxDataOpMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("Constant", OnnxDataOpMappers::constant);
        m.put("Identity", c -> c.alias(0, 0));
        m.put("Dropout", OnnxDataOpMappers::dropout);
        m.put("Gather", OnnxDataOpMappers::gather);
        m.put("Slice", OnnxDataOpMappers::slice);
        m.put("Pad", OnnxDataOpMappers::pad);
        m.put("ConstantOfShape", OnnxDataOpMappers::constantOfShape);
        m.put("Expand", OnnxDataOpMappers::expand);
    }

    static void constant(OnnxNodeContext c) {
        OnnxAttributes a = c.attr();
        if (a.names().size() > 1) {
            // ONNX's checker: exactly one of value, sparse_value, value_float(s), value_int(s), value_string(s)
            throw c.fail("a Constant holds one value, found " + a.names());
        }
        Tensor value;
        if (a.tensor("value").isPresent()) {
            // a Constant's tensor is stored in the node; external data of it was loaded with the model
            value = OnnxTensors.decode(a.tensor("value").get(), t -> {
                throw new IllegalArgumentException("a Constant with external data is not supported");
            });
        } else if (a.has("value_float")) {
            value = Tensor.scalar((float) a.floatValue("value_float", 0));
        } else if (a.has("value_floats")) {
            double[] d = a.floats("value_floats").get();
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            value = Tensor.ofFloats(Shape.of(f.length), f);
        } else if (a.has("value_int")) {
            value = Tensor.ofLongs(Shape.SCALAR, a.longValue("value_int", 0));
        } else if (a.has("value_ints")) {
            long[] l = a.longs("value_ints").get();
            value = Tensor.ofLongs(Shape.of(l.length), l);
        } else {
            throw c.fail("only tensor, float(s) and int(s) values are supported, found " + a.names());
        }
        c.bindConstantNode(value);
    }

    static void dropout(OnnxNodeContext c) {
        if (c.outputUsed(1)) {
            throw c.fail("the mask output of a Dropout is not supported (inference has no mask)");
        }
        if (c.has(2)) {
            // Dropout-12+: in training mode the output is x * random mask / (1 - ratio); only a ratio of 0 keeps x
            boolean training = c.constant(2).map(t -> t.toLongArray().length > 0 && t.toLongArray()[0] != 0)
                    .orElseThrow(() -> c.fail("training_mode (input 2) must be a constant: a training Dropout "
                            + "draws a random mask, the view maps inference only"));
            boolean noRatio = c.has(1) && c.constant(1).map(r -> r.toFloatArray().length > 0
                    && r.toFloatArray()[0] == 0f).orElse(false);
            if (training && !noRatio) {
                throw c.fail("training_mode is true with a non-zero ratio: a training Dropout draws a random mask, "
                        + "the view maps inference only");
            }
        }
        c.alias(0, 0);
    }

    static void gather(OnnxNodeContext c) {
        long axisAttr = c.attr().longValue("axis", 0);
        Shape x = c.shape(0);
        Shape idx = c.shape(1);
        Shape out = null;
        if (x != null && idx != null) {
            int axis = OnnxShapes.axis(axisAttr, x.rank(), "axis");
            long[] d = new long[x.rank() - 1 + idx.rank()];
            int k = 0;
            for (int i = 0; i < axis; i++) {
                d[k++] = x.dim(i);
            }
            for (long v : idx.dims()) {
                d[k++] = v;
            }
            for (int i = axis + 1; i < x.rank(); i++) {
                d[k++] = x.dim(i);
            }
            out = Shape.of(d);
        }
        PortRef axis = c.addConstant("axis", Tensor.ofLongs(Shape.SCALAR, axisAttr));
        c.emit(OpKinds.GATHER, Attributes.of(Map.of("batch_dims", 0L)), List.of(c.in(0), c.in(1), axis), out, c.type(0));
        // shape computations: gathering from a constant vector (the usual Shape -> Gather of exporters)
        if (out != null && x.rank() == 1 && c.constant(0).isPresent() && c.constant(1).isPresent()
                && !c.type(0).isFloatingPoint()) {
            long[] data = c.constant(0).get().toLongArray();
            long[] indices = c.constant(1).get().toLongArray();
            long[] r = new long[indices.length];
            for (int i = 0; i < indices.length; i++) {
                long j = indices[i] < 0 ? indices[i] + data.length : indices[i];
                if (j < 0 || j >= data.length) {
                    throw c.fail("index " + indices[i] + " is outside a vector of " + data.length);
                }
                r[i] = data[(int) j];
            }
            c.fold(0, Tensor.ofLongs(out, r).convert(c.type(0)));
        }
    }

    static void slice(OnnxNodeContext c) {
        Shape x = c.shape(0);
        if (x == null) {
            throw c.fail("the input's rank is unknown");
        }
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps;
        if (c.opset() < 10) {
            starts = c.attr().longs("starts").orElseThrow(() -> c.fail("starts is missing"));
            ends = c.attr().longs("ends").orElseThrow(() -> c.fail("ends is missing"));
            axes = c.attr().longs("axes").orElse(null);
            steps = null;
        } else {
            starts = c.requireConstant(1, "starts").toLongArray();
            ends = c.requireConstant(2, "ends").toLongArray();
            axes = c.has(3) ? c.requireConstant(3, "axes").toLongArray() : null;
            steps = c.has(4) ? c.requireConstant(4, "steps").toLongArray() : null;
        }
        if (axes == null) {
            axes = new long[starts.length];
            Arrays.setAll(axes, i -> i);
        }
        if (ends.length != starts.length || axes.length != starts.length
                || (steps != null && steps.length != starts.length)) {
            throw c.fail("starts " + Arrays.toString(starts) + ", ends " + Arrays.toString(ends) + ", axes "
                    + Arrays.toString(axes) + (steps == null ? "" : ", steps " + Arrays.toString(steps))
                    + " are not of one length");
        }
        int rank = x.rank();
        long[] begin = new long[rank];
        long[] end = new long[rank];
        long[] stride = OnnxShapes.filled(rank, 1);
        long[] beginMask = OnnxShapes.filled(rank, 1);
        long[] endMask = OnnxShapes.filled(rank, 1);
        long[] outDims = x.dims();
        for (int i = 0; i < axes.length; i++) {
            int a = OnnxShapes.axis(axes[i], rank, "axis");
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw c.fail("step 0 on axis " + a);
            }
            begin[a] = starts[i];
            end[a] = ends[i];
            stride[a] = step;
            beginMask[a] = 0;
            endMask[a] = 0;
            outDims[a] = sliceLength(x.dim(a), starts[i], ends[i], step);
        }
        Shape out = Shape.of(outDims);
        Map<String, Object> attrs = new java.util.LinkedHashMap<>();
        attrs.put("begin_mask", beginMask);
        attrs.put("end_mask", endMask);
        attrs.put("new_axis_mask", new long[0]);
        attrs.put("shrink_axis_mask", new long[0]);
        attrs.put("ellipsis_mask", new long[0]);
        List<PortRef> inputs = List.of(c.in(0), c.addConstant("begin", Tensor.ofLongs(Shape.of(rank), begin)),
                c.addConstant("end", Tensor.ofLongs(Shape.of(rank), end)),
                c.addConstant("stride", Tensor.ofLongs(Shape.of(rank), stride)));
        c.emit(OpKinds.STRIDED_SLICE, Attributes.of(attrs), inputs, out, c.type(0));
        if (rank == 1 && c.constant(0).isPresent() && !c.type(0).isFloatingPoint() && out.isStatic()) {
            long[] data = c.constant(0).get().toLongArray();
            long[] r = new long[(int) out.dim(0)];
            long s = clampStart(data.length, begin[0], stride[0], beginMask[0] != 0);
            for (int i = 0; i < r.length; i++) {
                r[i] = data[(int) (s + i * stride[0])];
            }
            c.fold(0, Tensor.ofLongs(out, r).convert(c.type(0)));
        }
    }

    private static long clampStart(long dim, long start, long step, boolean whole) {
        if (whole) {
            return step > 0 ? 0 : dim - 1;
        }
        long s = start < 0 ? start + dim : start;
        return step > 0 ? Math.max(0, Math.min(dim, s)) : Math.max(-1, Math.min(dim - 1, s));
    }

    /** The number of elements ONNX Slice takes from an axis of size {@code dim}. */
    static long sliceLength(long dim, long start, long end, long step) {
        if (dim == Shape.DYNAMIC) {
            return Shape.DYNAMIC;
        }
        long s = start < 0 ? start + dim : start;
        long e = end < 0 ? end + dim : end;
        if (step > 0) {
            s = Math.max(0, Math.min(dim, s));
            e = Math.max(0, Math.min(dim, e));
            return e > s ? OnnxShapes.ceilDiv(e - s, step) : 0;
        }
        s = Math.max(-1, Math.min(dim - 1, s));
        e = Math.max(-1, Math.min(dim - 1, e));
        return s > e ? OnnxShapes.ceilDiv(s - e, -step) : 0;
    }

    static void pad(OnnxNodeContext c) {
        String mode = c.attr().string("mode", "constant");
        long[] pads;
        PortRef value = null;
        if (c.opset() < 11) {
            pads = c.attr().longs("pads").orElseThrow(() -> c.fail("pads is missing"));
            double v = c.attr().floatValue("value", 0);
            value = c.addConstant("pad_value", Tensor.fromFloats(c.type(0), Shape.SCALAR, new float[] {(float) v}));
        } else {
            pads = c.requireConstant(1, "pads").toLongArray();
            if (c.has(2)) {
                value = c.in(2);
            }
        }
        Shape x = c.shape(0);
        if (c.has(3)) {
            pads = padsOverAllAxes(c, x, pads, c.requireConstant(3, "axes").toLongArray());
        }
        int n = pads.length / 2;
        if (x != null && x.rank() != n) {
            throw c.fail("pads " + Arrays.toString(pads) + " do not fit an input of shape " + x);
        }
        long[] begin = Arrays.copyOfRange(pads, 0, n);
        long[] end = Arrays.copyOfRange(pads, n, 2 * n);
        Shape out = null;
        if (x != null) {
            long[] d = x.dims();
            for (int i = 0; i < n; i++) {
                d[i] = d[i] == Shape.DYNAMIC ? Shape.DYNAMIC : d[i] + begin[i] + end[i];
            }
            out = Shape.of(d);
        }
        List<PortRef> inputs = new ArrayList<>(List.of(c.in(0),
                c.addConstant("pads_begin", Tensor.ofLongs(Shape.of(n), begin)),
                c.addConstant("pads_end", Tensor.ofLongs(Shape.of(n), end))));
        if (value != null) {
            inputs.add(value);
        }
        c.emit(OpKinds.PAD, Attributes.of(Map.of("pad_mode", mode)), inputs, out, c.type(0));
    }

    /** Pad-18's pads of the listed axes spread over every axis (zero on the others). */
    private static long[] padsOverAllAxes(OnnxNodeContext c, Shape x, long[] pads, long[] axes) {
        if (x == null) {
            throw c.fail("Pad with axes needs the input's rank");
        }
        if (pads.length != 2 * axes.length) {
            throw c.fail("pads " + Arrays.toString(pads) + " do not fit axes " + Arrays.toString(axes));
        }
        int rank = x.rank();
        long[] all = new long[2 * rank];
        for (int i = 0; i < axes.length; i++) {
            int a = OnnxShapes.axis(axes[i], rank, "axis");
            all[a] = pads[i];
            all[rank + a] = pads[axes.length + i];
        }
        return all;
    }

    static void constantOfShape(OnnxNodeContext c) {
        Tensor fill = c.attr().tensor("value").map(t -> OnnxTensors.decode(t, p -> {
            throw new IllegalArgumentException("external data in an attribute");
        })).orElse(Tensor.ofFloats(Shape.of(1), 0f));
        Tensor scalar = fill.reshape(Shape.SCALAR);
        java.util.Optional<Tensor> target = c.constant(0);
        Shape out = target.map(t -> Shape.of(t.toLongArray())).orElse(null);
        if (out == null && c.shape(0) != null && c.shape(0).rank() == 1 && c.shape(0).dim(0) >= 0) {
            out = Shape.of(OnnxShapes.filled((int) c.shape(0).dim(0), Shape.DYNAMIC));
        }
        c.emit("Broadcast", Attributes.of(Map.of("mode", "numpy")), List.of(c.addConstant("value", scalar), c.in(0)),
                out, fill.elementType());
        if (out != null && out.isStatic() && out.elementCount() <= 1 << 16) {
            float[] v = new float[(int) out.elementCount()];
            Arrays.fill(v, scalar.getFloat(0));
            c.fold(0, Tensor.fromFloats(fill.elementType(), out, v));
        }
    }

    static void expand(OnnxNodeContext c) {
        Shape out = c.constant(1).map(t -> OnnxShapes.broadcast(c.shape(0), Shape.of(t.toLongArray()))).orElse(null);
        c.emit("Broadcast", Attributes.of(Map.of("mode", "bidirectional")), List.of(c.in(0), c.in(1)), out, c.type(0));
    }

    static ElementType typeOf(Tensor t) {
        return t.elementType();
    }
}
