package org.pot4j.onnx.view;

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
 * Softmax/LogSoftmax ({@code axis}), BatchNormalization to BatchNormInference ({@code epsilon}),
 * QuantizeLinear/DequantizeLinear kept as themselves ({@code axis}), and Resize/Upsample to Interpolate
 * (Interpolate-11 inputs: data, then sizes or scales).
 */
final class OnnxMiscMappers {
    private OnnxMiscMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("Softmax", c -> softmax(c, OpKinds.SOFTMAX));
        m.put("LogSoftmax", c -> softmax(c, "LogSoftmax"));
        m.put("BatchNormalization", OnnxMiscMappers::batchNorm);
        m.put("QuantizeLinear", c -> quantization(c, OpKinds.QUANTIZE_LINEAR));
        m.put("DequantizeLinear", c -> quantization(c, OpKinds.DEQUANTIZE_LINEAR));
        m.put("Resize", OnnxMiscMappers::resize);
        m.put("Upsample", OnnxMiscMappers::resize);
    }

    static void softmax(OnnxNodeContext c, String kind) {
        Shape x = c.shape(0);
        long axis = c.attr().longValue("axis", c.opset() < 13 ? 1 : -1);
        if (c.opset() < 13 && (x == null || !trailingAxesAreOne(x, axis))) {
            legacySoftmax(c, kind, axis, x);
            return;
        }
        c.emit(kind, Attributes.of(Map.of("axis", axis)), List.of(c.in(0)), x, c.type(0));
    }

    private static boolean trailingAxesAreOne(Shape x, long axis) {
        int a = OnnxShapes.axis(axis, x.rank(), "axis");
        for (int i = a + 1; i < x.rank(); i++) {
            if (x.dim(i) != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * Before opset 13 Softmax works on the input flattened to 2-D at {@code axis}: Flatten, SoftMax over axis 1, and a
     * Reshape back to the input's shape ({@code <node>/flatten}, {@code <node>}, {@code <node>/restore}).
     */
    private static void legacySoftmax(OnnxNodeContext c, String kind, long axis, Shape x) {
        Shape flat = null;
        if (x != null) {
            int a = (int) (axis < 0 ? axis + x.rank() : axis);
            long outer = 1;
            long inner = 1;
            for (int i = 0; i < x.rank(); i++) {
                long d = x.dim(i);
                if (i < a) {
                    outer = outer < 0 || d < 0 ? Shape.DYNAMIC : outer * d;
                } else {
                    inner = inner < 0 || d < 0 ? Shape.DYNAMIC : inner * d;
                }
            }
            flat = Shape.of(outer, inner);
        }
        java.util.List<Shape> one = java.util.Collections.singletonList(flat);
        PortRef flattened = c.add(c.name() + "/flatten", OpKinds.FLATTEN, Attributes.of(Map.of("axis", axis)),
                List.of(c.in(0)), one, List.of(c.type(0))).get(0);
        PortRef soft = c.add(c.name(), kind, Attributes.of(Map.of("axis", 1L)), List.of(flattened), one,
                List.of(c.type(0))).get(0);
        PortRef shape = c.add(c.name() + "/shape", OpKinds.SHAPE_OF, Attributes.of(Map.of("output_type", "i64")),
                List.of(c.in(0)), java.util.Collections.singletonList(x == null ? null : Shape.of(x.rank())),
                List.of(ElementType.I64)).get(0);
        c.emitAs(c.name() + "/restore", OpKinds.RESHAPE, Attributes.of(Map.of("special_zero", false)),
                List.of(soft, shape), x, c.type(0));
    }

    static void batchNorm(OnnxNodeContext c) {
        for (int i = 1; i < c.outputCount(); i++) {
            if (c.outputUsed(i)) {
                throw c.fail("training-mode outputs (running mean/var) are not supported");
            }
        }
        c.emit(OpKinds.BATCH_NORM, Attributes.of(Map.of("epsilon", c.attr().floatValue("epsilon", 1e-5))),
                List.of(c.in(0), c.in(1), c.in(2), c.in(3), c.in(4)), c.shape(0), c.type(0));
    }

    static void quantization(OnnxNodeContext c, String kind) {
        ElementType out = OpKinds.QUANTIZE_LINEAR.equals(kind)
                ? (c.has(2) ? c.type(2) : ElementType.U8)
                : c.type(1);
        java.util.List<PortRef> inputs = new java.util.ArrayList<>(List.of(c.in(0), c.in(1)));
        if (c.has(2)) {
            inputs.add(c.in(2));
        }
        c.emit(kind, Attributes.of(Map.of("axis", c.attr().longValue("axis", 1))), inputs, c.shape(0), out);
    }

    static void resize(OnnxNodeContext c) {
        boolean legacy = c.opType().equals("Upsample") || c.opset() < 11;
        int scalesAt = legacy ? 1 : 2;
        int sizesAt = legacy ? -1 : 3;
        Map<String, Object> a = new LinkedHashMap<>();
        String mode = c.attr().string("mode", "nearest");
        a.put("mode", mode.equals("linear") ? "linear_onnx" : mode);
        a.put("coordinate_transformation_mode", c.attr().string("coordinate_transformation_mode",
                legacy ? "asymmetric" : "half_pixel"));
        a.put("nearest_mode", c.attr().string("nearest_mode", legacy ? "floor" : "round_prefer_floor"));
        a.put("cube_coeff", c.attr().floatValue("cubic_coeff_a", -0.75));
        a.put("antialias", false);
        if (c.attr().longValue("exclude_outside", 0) != 0) {
            // not an OpenVINO attribute (its Interpolate clamps edge taps); added only when set so that the
            // reference engine renormalises the cubic weights as ONNX asks
            a.put("exclude_outside", true);
        }
        if (!legacy && "tf_crop_and_resize".equals(a.get("coordinate_transformation_mode"))) {
            // not OpenVINO attributes (its Interpolate has no crop): the region as fractions of every axis, starts
            // then ends, and the value of output points outside the input
            float[] roi = c.requireConstant(1, "roi").toFloatArray();
            double[] fractions = new double[roi.length];
            for (int i = 0; i < roi.length; i++) {
                fractions[i] = roi[i];
            }
            a.put("roi", fractions);
            a.put("extrapolation_value", c.attr().floatValue("extrapolation_value", 0.0));
        }
        Shape x = c.shape(0);
        Shape out = null;
        PortRef target;
        if (sizesAt > 0 && c.has(sizesAt)) {
            a.put("shape_calculation_mode", "sizes");
            target = c.in(sizesAt);
            out = c.constant(sizesAt).map(t -> Shape.of(t.toLongArray())).orElse(null);
        } else if (c.opType().equals("Upsample") && c.opset() < 9) {
            double[] scales = c.attr().floats("scales").orElseThrow(() -> c.fail("scales is missing"));
            float[] f = new float[scales.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) scales[i];
            }
            a.put("shape_calculation_mode", "scales");
            target = c.addConstant("scales", Tensor.ofFloats(Shape.of(f.length), f));
            out = scaled(x, f);
        } else {
            a.put("shape_calculation_mode", "scales");
            Tensor scales = c.requireConstant(scalesAt, "scales");
            target = c.in(scalesAt);
            out = scaled(x, scales.toFloatArray());
        }
        c.emit(OpKinds.INTERPOLATE, Attributes.of(a), List.of(c.in(0), target), out, c.type(0));
    }

    private static Shape scaled(Shape x, float[] scales) {
        if (x == null || scales.length != x.rank()) {
            return null;
        }
        long[] d = x.dims();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] == Shape.DYNAMIC ? Shape.DYNAMIC : (long) Math.floor(d[i] * (double) scales[i]);
        }
        return Shape.of(d);
    }
}
