package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Value;

/**
 * Activations with parameters: HardSigmoid-1 and Selu-1 (parameters as scalar inputs, as OpenVINO has them), Elu
 * ({@code alpha}), Gelu-7 ({@code approximation_mode} erf or tanh), and ops OpenVINO lacks, kept under their ONNX names
 * with ONNX attributes: Celu ({@code alpha}), ThresholdedRelu ({@code alpha}), Shrink ({@code lambd}, {@code bias}).
 */
final class ActivationKernels {
    private ActivationKernels() {
    }

    static KernelFactory hardSigmoid() {
        return (node, cc) -> (in, ctx) -> {
            float alpha = in[1].floats()[0];
            float beta = in[2].floats()[0];
            return new Value[] {ElementwiseKernels.map(in[0], x -> Math.max(0f, Math.min(1f, alpha * x + beta)), ctx)};
        };
    }

    static KernelFactory selu() {
        return (node, cc) -> (in, ctx) -> {
            float alpha = in[1].floats()[0];
            float lambda = in[2].floats()[0];
            return new Value[] {ElementwiseKernels.map(in[0],
                    x -> x > 0 ? lambda * x : (float) (lambda * alpha * (Math.exp(x) - 1)), ctx)};
        };
    }

    static KernelFactory elu() {
        return (node, cc) -> {
            double alpha = new NodeAttributes(node).doubleValue("alpha", 1.0);
            return (in, ctx) -> new Value[] {ElementwiseKernels.map(in[0],
                    x -> x >= 0 ? x : (float) (alpha * Math.expm1(x)), ctx)};
        };
    }

    static KernelFactory celu() {
        return (node, cc) -> {
            double alpha = new NodeAttributes(node).doubleValue("alpha", 1.0);
            return (in, ctx) -> new Value[] {ElementwiseKernels.map(in[0],
                    x -> (float) (Math.max(0, x) + Math.min(0, alpha * Math.expm1(x / alpha))), ctx)};
        };
    }

    static KernelFactory thresholdedRelu() {
        return (node, cc) -> {
            float alpha = (float) new NodeAttributes(node).doubleValue("alpha", 1.0);
            return (in, ctx) -> new Value[] {ElementwiseKernels.map(in[0], x -> x > alpha ? x : 0f, ctx)};
        };
    }

    static KernelFactory shrink() {
        return (node, cc) -> {
            NodeAttributes a = new NodeAttributes(node);
            float lambd = (float) a.doubleValue("lambd", 0.5);
            float bias = (float) a.doubleValue("bias", 0.0);
            return (in, ctx) -> {
                Value y = ElementwiseKernels.map(in[0], x -> x < -lambd ? x + bias : x > lambd ? x - bias : 0f, ctx);
                return new Value[] {in[0].isFloat() ? y : Value.ofLongs(y.shape(), y.longs())};
            };
        };
    }

    /** Gelu-7: {@code 0.5 x (1 + erf(x / sqrt 2))}, or its tanh approximation. */
    static KernelFactory gelu() {
        return (node, cc) -> {
            boolean tanh = new NodeAttributes(node).string("approximation_mode", "erf").equals("tanh");
            return (in, ctx) -> new Value[] {ElementwiseKernels.map(in[0], tanh
                    ? x -> (float) (0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))))
                    : x -> (float) (0.5 * x * (1 + ErrorFunction.erf(x / Math.sqrt(2)))), ctx)};
        };
    }

    /** SoftPlus-4: {@code ln(1 + e^x)}, which is x itself (to f32) past 20. */
    static float softPlus(float x) {
        return x > 20 ? x : (float) Math.log1p(Math.exp(x));
    }

    /** Round-5 {@code half_to_even} (ONNX Round) or {@code half_away_from_zero}. */
    static KernelFactory round() {
        return (node, cc) -> {
            boolean even = new NodeAttributes(node).string("mode", "half_to_even").equals("half_to_even");
            return ElementwiseKernels.unary(even ? x -> (float) Math.rint(x)
                    : x -> (float) (Math.signum(x) * Math.floor(Math.abs(x) + 0.5))).create(node, cc);
        };
    }

    /** FloorMod (the result takes the divisor's sign) and Mod (the dividend's, C's fmod), integers exact. */
    static KernelFactory mod(boolean floor) {
        if (floor) {
            return ElementwiseKernels.binary((a, b) -> {
                float r = a % b;
                return r != 0 && (r < 0) != (b < 0) ? r + b : r;
            }, Math::floorMod);
        }
        return ElementwiseKernels.binary((a, b) -> a % b, (a, b) -> a % b);
    }
}
