package org.pot4j.onnx.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Activations with parameters, ONNX's defaults kept exactly: HardSigmoid and Selu to OpenVINO's ops of the same name
 * (alpha/beta and alpha/gamma become scalar inputs {@code <node>/alpha}, {@code <node>/beta} or
 * {@code <node>/lambda}; OpenVINO's HSigmoid has fixed parameters), Elu ({@code alpha}), Gelu-20 to Gelu-7
 * ({@code approximate} none/tanh as {@code approximation_mode} ERF/TANH), and Celu, ThresholdedRelu and Shrink, which
 * OpenVINO lacks, kept under their names with their attributes and defaults written out.
 */
final class OnnxActivationMappers {
    private OnnxActivationMappers() {
    }

    static void register(Map<String, OnnxOpMapper> m) {
        m.put("HardSigmoid", c -> withScalars(c, "HardSigmoid", "alpha", c.attr().floatValue("alpha", 0.2),
                "beta", c.attr().floatValue("beta", 0.5)));
        m.put("Selu", c -> withScalars(c, "Selu", "alpha", c.attr().floatValue("alpha", 1.67326319217681884765625),
                "lambda", c.attr().floatValue("gamma", 1.05070102214813232421875)));
        m.put("Elu", c -> withAttributes(c, "Elu", Map.of("alpha", c.attr().floatValue("alpha", 1.0))));
        m.put("Celu", c -> withAttributes(c, "Celu", Map.of("alpha", c.attr().floatValue("alpha", 1.0))));
        m.put("ThresholdedRelu", c -> withAttributes(c, "ThresholdedRelu",
                Map.of("alpha", c.attr().floatValue("alpha", 1.0))));
        m.put("Shrink", c -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("lambd", c.attr().floatValue("lambd", 0.5));
            a.put("bias", c.attr().floatValue("bias", 0.0));
            withAttributes(c, "Shrink", a);
        });
        m.put("Gelu", c -> {
            String approximate = c.attr().string("approximate", "none");
            if (!approximate.equals("none") && !approximate.equals("tanh")) {
                throw c.fail("approximate '" + approximate + "' is not none or tanh");
            }
            withAttributes(c, "Gelu", Map.of("approximation_mode", approximate.equals("tanh") ? "TANH" : "ERF"));
        });
    }

    private static void withAttributes(OnnxNodeContext c, String kind, Map<String, Object> attributes) {
        c.emit(kind, Attributes.of(attributes), List.of(c.in(0)), c.shape(0), c.type(0));
    }

    private static void withScalars(OnnxNodeContext c, String kind, String first, double a, String second, double b) {
        c.emit(kind, Attributes.EMPTY, List.of(c.in(0),
                c.addConstant(first, Tensor.fromFloats(c.type(0), Shape.SCALAR, new float[] {(float) a})),
                c.addConstant(second, Tensor.fromFloats(c.type(0), Shape.SCALAR, new float[] {(float) b}))),
                c.shape(0), c.type(0));
    }
}
