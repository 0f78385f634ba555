package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Ops driven by indices or positions. OpenVINO spelling: TopK-11 ({@code largest} as {@code mode}, {@code sorted} as
 * {@code sort}, i64 indices, stable ties), GatherElements, GatherND-8, Scatter/ScatterElements to
 * ScatterElementsUpdate (axis as an input, {@code reduction} add/mul as sum/prod), ScatterND to ScatterNDUpdate,
 * CumSum (axis input, {@code exclusive}/{@code reverse}), OneHot (the ONNX values pair split into off/on inputs,
 * negative indices wrapped as ONNX does). Kept under their ONNX names: ArgMax/ArgMin, Hardmax, Trilu, EyeLike.
 */
final class OnnxIndexMappers {
    private OnnxIndexMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("ArgMax", OnnxIndexMappers::argExtremum);
        m.put("ArgMin", OnnxIndexMappers::argExtremum);
        m.put("Hardmax", c -> OnnxMiscMappers.softmax(c, "Hardmax"));
        m.put("TopK", OnnxIndexMappers::topK);
        m.put("GatherElements", c -> c.emit("GatherElements", Attributes.of(Map.of("axis", c.attr().longValue("axis", 0))),
                List.of(c.in(0), c.in(1)), c.shape(1), c.type(0)));
        m.put("GatherND", OnnxIndexMappers::gatherNd);
        m.put("ScatterElements", OnnxIndexMappers::scatterElements);
        m.put("Scatter", OnnxIndexMappers::scatterElements);
        m.put("ScatterND", c -> c.emit("ScatterNDUpdate", reduction(c), List.of(c.in(0), c.in(1), c.in(2)), c.shape(0),
                c.type(0)));
        m.put("CumSum", OnnxIndexMappers::cumSum);
        m.put("OneHot", OnnxIndexMappers::oneHot);
        m.put("Trilu", c -> c.emit("Trilu", Attributes.of(Map.of("upper", c.attr().longValue("upper", 1))),
                c.has(1) ? List.of(c.in(0), c.in(1)) : List.of(c.in(0)), c.shape(0), c.type(0)));
        m.put("EyeLike", OnnxIndexMappers::eyeLike);
    }

    static void argExtremum(OnnxNodeContext c) {
        long axisAttr = c.attr().longValue("axis", 0);
        boolean keep = c.attr().longValue("keepdims", 1) != 0;
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("axis", axisAttr);
        a.put("keepdims", keep ? 1L : 0L);
        a.put("select_last_index", c.attr().longValue("select_last_index", 0));
        Shape x = c.shape(0);
        Shape out = null;
        if (x != null) {
            int axis = OnnxShapes.axis(axisAttr, x.rank(), "axis");
            out = keep ? x.withDim(axis, 1) : without(x, axis);
        }
        c.emit(c.opType(), Attributes.of(a), List.of(c.in(0)), out, ElementType.I64);
    }

    private static Shape without(Shape x, int axis) {
        long[] d = new long[x.rank() - 1];
        for (int i = 0, k = 0; i < x.rank(); i++) {
            if (i != axis) {
                d[k++] = x.dim(i);
            }
        }
        return Shape.of(d);
    }

    static void topK(OnnxNodeContext c) {
        long axisAttr = c.attr().longValue("axis", -1);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("axis", axisAttr);
        a.put("mode", c.attr().longValue("largest", 1) != 0 ? "max" : "min");
        a.put("sort", c.attr().longValue("sorted", 1) != 0 ? "value" : "none");
        a.put("index_element_type", "i64");
        a.put("stable", true);
        PortRef k;
        Long kValue;
        if (c.opset() < 10) {
            kValue = c.attr().longValue("k", -1);
            k = c.addConstant("k", Tensor.ofLongs(Shape.of(1), kValue));
        } else {
            k = c.in(1);
            kValue = c.constant(1).isPresent() ? c.requireScalar(1, "k").toLongArray()[0] : null;
        }
        Shape x = c.shape(0);
        Shape out = null;
        if (x != null) {
            int axis = OnnxShapes.axis(axisAttr, x.rank(), "axis");
            out = x.withDim(axis, kValue == null ? Shape.DYNAMIC : kValue);
        }
        List<Shape> shapes = new ArrayList<>();
        shapes.add(out);
        shapes.add(out);
        c.emitAll("TopK", Attributes.of(a), List.of(c.in(0), k), shapes, List.of(c.type(0), ElementType.I64));
    }

    static void gatherNd(OnnxNodeContext c) {
        long bd = c.attr().longValue("batch_dims", 0);
        c.requireRank(0, 1, "data");
        c.requireRank(1, 1, "indices");
        Shape x = c.shape(0);
        Shape idx = c.shape(1);
        Shape out = null;
        if (x != null && idx != null && idx.dim(idx.rank() - 1) >= 0) {
            int k = (int) idx.dim(idx.rank() - 1);
            List<Long> d = new ArrayList<>();
            for (int i = 0; i < idx.rank() - 1; i++) {
                d.add(idx.dim(i));
            }
            for (int i = (int) bd + k; i < x.rank(); i++) {
                d.add(x.dim(i));
            }
            out = Shape.of(d.stream().mapToLong(Long::longValue).toArray());
        }
        c.emit("GatherND", Attributes.of(Map.of("batch_dims", bd)), List.of(c.in(0), c.in(1)), out, c.type(0));
    }

    private static Attributes reduction(OnnxNodeContext c) {
        String r = c.attr().string("reduction", "none");
        switch (r) {
            case "none": case "max": case "min": break;
            case "add": r = "sum"; break;
            case "mul": r = "prod"; break;
            default: throw c.fail("reduction '" + r + "' is not supported");
        }
        return Attributes.of(Map.of("reduction", r));
    }

    static void scatterElements(OnnxNodeContext c) {
        PortRef axis = c.addConstant("axis", Tensor.ofLongs(Shape.SCALAR, c.attr().longValue("axis", 0)));
        c.emit("ScatterElementsUpdate", reduction(c), List.of(c.in(0), c.in(1), c.in(2), axis), c.shape(0), c.type(0));
    }

    static void cumSum(OnnxNodeContext c) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("exclusive", c.attr().longValue("exclusive", 0) != 0);
        a.put("reverse", c.attr().longValue("reverse", 0) != 0);
        c.emit("CumSum", Attributes.of(a), List.of(c.in(0), c.in(1)), c.shape(0), c.type(0));
    }

    static void oneHot(OnnxNodeContext c) {
        long axisAttr = c.attr().longValue("axis", -1);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("axis", axisAttr);
        a.put("negative_indices_wrap", true);
        ElementType type = c.type(2);
        PortRef axis0 = c.addConstant("values_axis", Tensor.ofLongs(Shape.SCALAR, 0L));
        List<Shape> scalar = new ArrayList<>();
        scalar.add(Shape.SCALAR);
        Attributes gather = Attributes.of(Map.of("batch_dims", 0L));
        PortRef off = c.add(c.name() + "/off_value", OpKinds.GATHER, gather, List.of(c.in(2),
                c.addConstant("off_index", Tensor.ofLongs(Shape.SCALAR, 0L)), axis0), scalar, List.of(type)).get(0);
        PortRef on = c.add(c.name() + "/on_value", OpKinds.GATHER, gather, List.of(c.in(2),
                c.addConstant("on_index", Tensor.ofLongs(Shape.SCALAR, 1L)), axis0), scalar, List.of(type)).get(0);
        Shape idx = c.shape(0);
        Shape out = null;
        java.util.Optional<Tensor> depth = c.constant(1).isPresent()
                ? java.util.Optional.of(c.requireScalar(1, "depth")) : java.util.Optional.empty();
        if (idx != null) {
            int at = OnnxShapes.axis(axisAttr, idx.rank() + 1, "axis");
            long[] d = new long[idx.rank() + 1];
            for (int i = 0, j = 0; i < d.length; i++) {
                d[i] = i == at ? depth.map(t -> (long) t.toFloatArray()[0]).orElse(Shape.DYNAMIC) : idx.dim(j++);
            }
            out = Shape.of(d);
        }
        c.emit("OneHot", Attributes.of(a), List.of(c.in(0), c.in(1), on, off), out, type);
    }

    static void eyeLike(OnnxNodeContext c) {
        ElementType type = c.type(0);
        if (c.attr().has("dtype")) {
            long dt = c.attr().longValue("dtype", 1);
            type = org.pot4j.onnx.tensor.OnnxDataTypes.elementType((int) dt)
                    .orElseThrow(() -> c.fail("dtype " + dt + " is not supported"));
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("k", c.attr().longValue("k", 0));
        a.put("element_type", type.irName());
        c.emit("EyeLike", Attributes.of(a), List.of(c.in(0)), c.shape(0), type);
    }
}
