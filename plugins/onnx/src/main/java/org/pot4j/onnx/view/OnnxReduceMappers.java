package org.pot4j.onnx.view;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * {@code Reduce*} to OpenVINO's Reduce ops: the axes (an attribute before opset 13/18, an input after) become the
 * second input, {@code keepdims} becomes {@code keep_dims}; no axes means all axes.
 */
final class OnnxReduceMappers {
    private OnnxReduceMappers() {
    }

    /** ONNX op, OpenVINO kind, and the first opset in which the op takes axes as an input. */
    private record Reduce(String kind, long axesInputSince) {
    }

    private static final Map<String, Reduce> OPS = Map.of(
            "ReduceSum", new Reduce(OpKinds.REDUCE_SUM, 13),
            "ReduceMean", new Reduce(OpKinds.REDUCE_MEAN, 18),
            "ReduceMax", new Reduce(OpKinds.REDUCE_MAX, 18),
            "ReduceMin", new Reduce("ReduceMin", 18),
            "ReduceProd", new Reduce("ReduceProd", 18),
            "ReduceL2", new Reduce("ReduceL2", 18),
            "ReduceL1", new Reduce("ReduceL1", 18),
            // not OpenVINO ops (its importer composes them): kept under their ONNX names
            "ReduceSumSquare", new Reduce("ReduceSumSquare", 18),
            "ReduceLogSum", new Reduce("ReduceLogSum", 18),
            "ReduceLogSumExp", new Reduce("ReduceLogSumExp", 18));

    static void register(Map<String, OnnxOpMapper> m) {
        OPS.forEach((onnx, r) -> m.put(onnx, c -> reduce(c, r)));
    }

    private static void reduce(OnnxNodeContext c, Reduce r) {
        Shape x = c.shape(0);
        boolean keep = c.attr().longValue("keepdims", 1) != 0;
        long[] axes;
        PortRef axesPort;
        Map<String, Object> attrs = new java.util.LinkedHashMap<>();
        attrs.put("keep_dims", keep);
        boolean axesInput = c.opset() >= r.axesInputSince();
        // ONNX: without axes (or with an empty axes input) every axis is reduced, unless noop_with_empty_axes;
        // OpenVINO: empty axes reduce nothing
        boolean noop = axesInput && c.attr().longValue("noop_with_empty_axes", 0) != 0;
        if (axesInput && c.has(1)) {
            axes = c.constant(1).map(Tensor::toLongArray).orElse(null);
            axesPort = c.in(1);
            if (axes == null && !noop) {
                // known only at run time: the reference engine reads this (not an OpenVINO attribute)
                attrs.put("noop_with_empty_axes", false);
            } else if (axes != null && axes.length == 0 && !noop) {
                axes = allAxes(c, x);
                axesPort = c.addConstant("axes", Tensor.ofLongs(Shape.of(axes.length), axes));
            }
        } else if (noop) {
            axes = new long[0];
            axesPort = c.addConstant("axes", Tensor.ofLongs(Shape.of(0)));
        } else {
            axes = c.attr().longs("axes").orElse(null);
            if (axes == null || axes.length == 0) {
                axes = allAxes(c, x);
            }
            axesPort = c.addConstant("axes", Tensor.ofLongs(Shape.of(axes.length), axes));
        }
        Shape out = null;
        if (x != null && axes != null) {
            boolean[] reduced = new boolean[x.rank()];
            for (long a : axes) {
                reduced[OnnxShapes.axis(a, x.rank(), "axis")] = true;
            }
            long[] dims = x.dims();
            java.util.List<Long> o = new java.util.ArrayList<>();
            for (int i = 0; i < dims.length; i++) {
                if (!reduced[i]) {
                    o.add(dims[i]);
                } else if (keep) {
                    o.add(1L);
                }
            }
            out = Shape.of(o.stream().mapToLong(Long::longValue).toArray());
        }
        c.emit(r.kind(), Attributes.of(attrs), List.of(c.in(0), axesPort), out, c.type(0));
    }

    private static long[] allAxes(OnnxNodeContext c, Shape x) {
        if (x == null) {
            throw c.fail("reducing over all axes of an input of unknown rank");
        }
        long[] axes = new long[x.rank()];
        Arrays.setAll(axes, i -> i);
        return axes;
    }
}
