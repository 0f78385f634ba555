package org.pot4j.core.statistics;

import java.util.Arrays;

/** numpy's default quantile ({@code method='linear'}) and median, on doubles. */
final class Quantiles {
    private Quantiles() {
    }

    /** Quantile {@code q} of the first {@code n} values of {@code sorted}, which must be sorted ascending. */
    static double sortedQuantile(double[] sorted, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double frac = h - lo;
        return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }

    /** Quantile {@code q} of the first {@code n} values of {@code values}; sorts that prefix in place. */
    static double quantileInPlace(double[] values, int n, double q) {
        Arrays.sort(values, 0, n);
        return sortedQuantile(values, n, q);
    }

    /** The median as numpy computes it (mean of the two middle values for an even count); sorts in place. */
    static double medianInPlace(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(values, 0, n);
        int mid = n / 2;
        return n % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }
}
