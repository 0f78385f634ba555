package org.pot4j.engine.reference;

import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Attributes;
import org.pot4j.api.graph.GraphBuilder;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Hand-built quantized affine networks for the GNA emulation, quantized as POT quantizes for GNA (§3.4, §15). */
final class GnaNetworks {
    private GnaNetworks() {
    }

    private static List<OutputPort> out(String name, long... dims) {
        return List.of(new OutputPort(0, Shape.of(dims), ElementType.F32, List.of(name)));
    }

    /**
     * data [1,K] -> FakeQuantize (65536 levels, [-m*65536/65534, m]: GNA's q16_a) -> MatMul (transpose_b, weights
     * Const [N,K] -> FakeQuantize with {@code weightLevels} levels per tensor, [-wm, wm], output range times
     * {@code outputFactor}) -> Add (bias) -> Tanh -> Result. The weights are {@code wm * cos(i)} (scaled down by
     * {@code outputFactor}, as OverflowCorrection leaves them).
     */
    static GraphModel affine(int k, int n, double m, double wm, long weightLevels, double outputFactor) {
        float[] w = new float[n * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (wm * Math.cos(i) / outputFactor);
        }
        float[] bias = new float[n];
        for (int i = 0; i < n; i++) {
            bias[i] = (float) (0.01 * i);
        }
        float lo = (float) (-m * 65536 / 65534);
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out("data", 1, k));
        b.addConstant("in_lo", Tensor.ofFloats(Shape.SCALAR, lo));
        b.addConstant("in_hi", Tensor.ofFloats(Shape.SCALAR, (float) m));
        b.add("fq_in", OpKinds.FAKE_QUANTIZE, Attributes.of(Map.of("levels", 65536L, "auto_broadcast", "numpy")),
                List.of(PortRef.of("data"), PortRef.of("in_lo"), PortRef.of("in_hi"), PortRef.of("in_lo"),
                        PortRef.of("in_hi")), out("fq_in", 1, k));
        b.addConstant("w", Tensor.ofFloats(Shape.of(n, k), w));
        b.addConstant("w_il", Tensor.ofFloats(Shape.SCALAR, (float) -wm));
        b.addConstant("w_ih", Tensor.ofFloats(Shape.SCALAR, (float) wm));
        b.addConstant("w_ol", Tensor.ofFloats(Shape.SCALAR, (float) (-wm * outputFactor)));
        b.addConstant("w_oh", Tensor.ofFloats(Shape.SCALAR, (float) (wm * outputFactor)));
        b.add("fq_w", OpKinds.FAKE_QUANTIZE, Attributes.of(Map.of("levels", weightLevels, "auto_broadcast", "numpy")),
                List.of(PortRef.of("w"), PortRef.of("w_il"), PortRef.of("w_ih"), PortRef.of("w_ol"),
                        PortRef.of("w_oh")), out("fq_w", n, k));
        b.add("affine", OpKinds.MAT_MUL, Attributes.of(Map.of("transpose_a", false, "transpose_b", true)),
                List.of(PortRef.of("fq_in"), PortRef.of("fq_w")), out("affine", 1, n));
        b.addConstant("bias", Tensor.ofFloats(Shape.of(1, n), bias));
        b.add("add", OpKinds.ADD, Attributes.EMPTY, List.of(PortRef.of("affine"), PortRef.of("bias")), out("add", 1, n));
        b.add("tanh", OpKinds.TANH, Attributes.EMPTY, List.of(PortRef.of("add")), out("tanh", 1, n));
        b.add("tanh/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("tanh")), List.of());
        return new GraphModel("gna-affine", b.build());
    }

    /** The same MatMul without any FakeQuantize (FP32 data and weights). */
    static GraphModel floatAffine(int k, int n) {
        GraphBuilder b = new GraphBuilder();
        b.add("data", OpKinds.PARAMETER, Attributes.EMPTY, List.of(), out("data", 1, k));
        float[] w = new float[k * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i);
        }
        b.addConstant("w", Tensor.ofFloats(Shape.of(k, n), w));
        b.add("affine", OpKinds.MAT_MUL, Attributes.EMPTY, List.of(PortRef.of("data"), PortRef.of("w")),
                out("affine", 1, n));
        b.add("affine/sink", OpKinds.RESULT, Attributes.EMPTY, List.of(PortRef.of("affine")), List.of());
        return new GraphModel("float-affine", b.build());
    }
}
