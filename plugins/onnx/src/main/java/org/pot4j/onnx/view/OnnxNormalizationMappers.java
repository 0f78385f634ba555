package org.pot4j.onnx.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Normalizations: MeanVarianceNormalization to MVN-6 (axes input, variance normalized, {@code eps} 1e-9 outside the
 * square root, as ONNX's function body), LRN to LRN-1 (axes {@code [1]}), and LayerNormalization (outputs Y, Mean,
 * InvStdDev) and InstanceNormalization kept under their ONNX names with their attributes: OpenVINO has no op for
 * them (its ONNX importer decomposes them into MVN and arithmetic, which would lose LayerNormalization's outputs).
 */
final class OnnxNormalizationMappers {
    private OnnxNormalizationMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("LayerNormalization", OnnxNormalizationMappers::layerNormalization);
        m.put("InstanceNormalization", c -> c.emit("InstanceNormalization",
                Attributes.of(Map.of("epsilon", c.attr().floatValue("epsilon", 1e-5))),
                List.of(c.in(0), c.in(1), c.in(2)), c.shape(0), c.type(0)));
        m.put("MeanVarianceNormalization", OnnxNormalizationMappers::mvn);
        m.put("LRN", OnnxNormalizationMappers::lrn);
    }

    static void layerNormalization(OnnxNodeContext c) {
        long axisAttr = c.attr().longValue("axis", -1);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("axis", axisAttr);
        a.put("epsilon", c.attr().floatValue("epsilon", 1e-5));
        a.put("stash_type", c.attr().longValue("stash_type", 1));
        Shape x = c.shape(0);
        Shape stats = null;
        if (x != null) {
            int axis = OnnxShapes.axis(axisAttr, x.rank(), "axis");
            long[] d = x.dims();
            for (int i = axis; i < d.length; i++) {
                d[i] = 1;
            }
            stats = Shape.of(d);
        }
        List<PortRef> inputs = new ArrayList<>(List.of(c.in(0), c.in(1)));
        if (c.has(2)) {
            inputs.add(c.in(2));
        }
        List<Shape> shapes = new ArrayList<>();
        shapes.add(x);
        shapes.add(stats);
        shapes.add(stats);
        // Mean and InvStdDev are in the stash type (float), Y in X's type
        c.emitAll("LayerNormalization", Attributes.of(a), inputs, shapes,
                List.of(c.type(0), ElementType.F32, ElementType.F32));
    }

    static void mvn(OnnxNodeContext c) {
        long[] axes = c.attr().longs("axes").orElse(new long[] {0, 2, 3});
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("normalize_variance", true);
        a.put("eps", 1e-9);
        a.put("eps_mode", "outside_sqrt");
        c.emit("MVN", Attributes.of(a), List.of(c.in(0), c.addConstant("axes", Tensor.ofLongs(Shape.of(axes.length),
                axes))), c.shape(0), c.type(0));
    }

    static void lrn(OnnxNodeContext c) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("alpha", c.attr().floatValue("alpha", 1e-4));
        a.put("beta", c.attr().floatValue("beta", 0.75));
        a.put("bias", c.attr().floatValue("bias", 1.0));
        a.put("size", c.attr().longValue("size", 1));
        c.emit("LRN", Attributes.of(a), List.of(c.in(0), c.addConstant("axes", Tensor.ofLongs(Shape.of(1), 1L))),
                c.shape(0), c.type(0));
    }
}
