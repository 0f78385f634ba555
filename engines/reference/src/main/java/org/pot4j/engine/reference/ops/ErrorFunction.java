package org.pot4j.engine.reference.ops;

/**
 * erf(x) in double, for Erf and the exact Gelu: its Maclaurin series near 0 (where 1 - erfc would cancel), else the
 * Chebyshev-fitted erfc of Numerical Recipes (fractional error below 1.2e-7, well inside f32's needs).
 */
final class ErrorFunction {
    private ErrorFunction() {
    }

    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double z = Math.abs(x);
        if (z < 0.5) {
            // 2/sqrt(pi) * sum (-1)^n x^(2n+1) / (n! (2n+1)): 12 terms are exact to double here
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 12; n++) {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            return sum * 1.1283791670955126;
        }
        double t = 1 / (1 + 0.5 * z);
        double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double erfc = t * Math.exp(-z * z + poly);
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
