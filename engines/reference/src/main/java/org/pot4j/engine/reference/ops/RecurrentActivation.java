package org.pot4j.engine.reference.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One activation function of ONNX's recurrent ops ({@code activations}, with {@code activation_alpha}/{@code _beta}
 * consumed in order by the functions that take them).
 */
@FunctionalInterface
interface RecurrentActivation {
    double apply(double x);

    /** The activations of a node: {@code names} (or {@code defaults} per direction), parameters from the lists. */
    static List<RecurrentActivation> of(List<String> names, double[] alphas, double[] betas) {
        List<RecurrentActivation> out = new ArrayList<>();
        int ai = 0;
        int bi = 0;
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            boolean usesAlpha = List.of("affine", "leakyrelu", "thresholdedrelu", "scaledtanh", "hardsigmoid", "elu")
                    .contains(name);
            boolean usesBeta = List.of("affine", "scaledtanh", "hardsigmoid").contains(name);
            double alpha = usesAlpha && alphas != null && ai < alphas.length ? alphas[ai++] : defaultAlpha(name);
            double beta = usesBeta && betas != null && bi < betas.length ? betas[bi++] : defaultBeta(name);
            out.add(named(name, alpha, beta));
        }
        return out;
    }

    private static double defaultAlpha(String name) {
        switch (name) {
            case "leakyrelu": return 0.01;
            case "hardsigmoid": return 0.2;
            default: return 1.0;
        }
    }

    private static double defaultBeta(String name) {
        switch (name) {
            case "hardsigmoid": return 0.5;
            case "scaledtanh": return 1.0;
            default: return 0.0;
        }
    }

    private static RecurrentActivation named(String name, double a, double b) {
        switch (name) {
            case "sigmoid": return x -> 1 / (1 + Math.exp(-x));
            case "tanh": return Math::tanh;
            case "relu": return x -> Math.max(0, x);
            case "affine": return x -> a * x + b;
            case "leakyrelu": return x -> x >= 0 ? x : a * x;
            case "thresholdedrelu": return x -> x > a ? x : 0;
            case "scaledtanh": return x -> a * Math.tanh(b * x);
            case "hardsigmoid": return x -> Math.max(0, Math.min(1, a * x + b));
            case "elu": return x -> x >= 0 ? x : a * Math.expm1(x);
            case "softsign": return x -> x / (1 + Math.abs(x));
            case "softplus": return x -> Math.log1p(Math.exp(x));
            default: throw new IllegalArgumentException("unsupported recurrent activation '" + name + "'");
        }
    }
}
