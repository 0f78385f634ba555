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

    /**
     * Quantile {@code q} of the first {@code n} values of {@code values} by selection, O(n) on average instead of a
     * sort; reorders that prefix in place. Gives exactly {@link #sortedQuantile} of the sorted values.
     */
    static double selectQuantile(double[] values, int n, double q) {
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            lo = n - 1;
        }
        select(values, 0, n - 1, lo);
        double low = values[lo];
        double frac = h - lo;
        if (lo == n - 1 || frac == 0) {
            return low;
        }
        // after selection everything right of lo is >= values[lo]: the next order statistic is their minimum
        double next = Double.POSITIVE_INFINITY;
        for (int i = lo + 1; i < n; i++) {
            next = Math.min(next, values[i]);
        }
        return low + frac * (next - low);
    }

    /** Hoare-style quickselect: puts the k-th smallest of a[from..to] at k, smaller before, larger after. */
    private static void select(double[] a, int from, int to, int k) {
        while (from < to) {
            double pivot = medianOfThree(a[from], a[(from + to) >>> 1], a[to]);
            int i = from;
            int j = to;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                to = j;
            } else if (k >= i) {
                from = i;
            } else {
                return;
            }
        }
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
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
