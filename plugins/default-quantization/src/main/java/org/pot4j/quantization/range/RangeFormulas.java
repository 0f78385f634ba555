package org.pot4j.quantization.range;

/**
 * POT's FakeQuantize range formulas (POT_SPEC §8.2-8.3), in double precision: symmetric and asymmetric ranges for
 * weights and activations, the zero-range fixes and {@code tuneRange}, which makes 0.0 exactly representable.
 */
public final class RangeFormulas {
    /** The smallest symmetric range kept (§8.2 {@code fixZeroSym}). */
    static final double MIN_SYMMETRIC = 8e-5;
    /** The smallest asymmetric range kept (§8.3 {@code fixZeroAsym}). */
    static final double MIN_ASYMMETRIC = 8e-4;

    private RangeFormulas() {
    }

    /** {@code max(m, max(8e-5, 0.01 * max_over_channels(m)))} elementwise. */
    public static double[] fixZeroSymmetric(double[] max) {
        double overall = Double.NEGATIVE_INFINITY;
        for (double m : max) {
            overall = Math.max(overall, m);
        }
        double floor = Math.max(MIN_SYMMETRIC, 0.01 * overall);
        double[] out = new double[max.length];
        for (int i = 0; i < max.length; i++) {
            out[i] = Math.max(max[i], floor);
        }
        return out;
    }

    /** Symmetric weights: {@code [-m, m]} with {@code m = fixZeroSym(abs_max)}. */
    public static QuantizationRange symmetricWeights(double[] absMax) {
        double[] m = fixZeroSymmetric(absMax);
        double[] lo = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            lo[i] = -m[i];
        }
        return new QuantizationRange(lo, m);
    }

    /**
     * Symmetric activations: {@code [0, m]} when every min is non-negative and the quantizer is not signed, else
     * {@code [-m * L/(L-2), m]}, which puts zero exactly on the grid of levels -L/2..L/2-1.
     *
     * @param max    the aggregated maximum (abs_max) per element
     * @param min    the aggregated minimum per element (one value suffices; POT checks {@code all(min >= 0)})
     * @param levels the number of levels L
     * @param signed true when the scheme gives a negative {@code level_low}
     */
    public static QuantizationRange symmetricActivations(double[] max, double[] min, long levels, boolean signed) {
        double[] m = fixZeroSymmetric(max);
        boolean nonNegative = true;
        for (double v : min) {
            nonNegative &= v >= 0;
        }
        double[] lo = new double[m.length];
        if (!nonNegative || signed) {
            for (int i = 0; i < m.length; i++) {
                lo[i] = -m[i] * levels / (levels - 2);
            }
        }
        return new QuantizationRange(lo, m);
    }

    /**
     * Asymmetric ranges (§8.3): widen empty ranges by 8e-4, include zero, then {@link #tuneRange} each element (or
     * with one zero point shared by all channels when {@code unifyZeroPoint}, weights only).
     */
    public static QuantizationRange asymmetric(double[] min, double[] max, int bits, boolean unifyZeroPoint) {
        if (min.length != max.length && min.length != 1 && max.length != 1) {
            throw new IllegalArgumentException("min has " + min.length + " values, max " + max.length);
        }
        int n = Math.max(min.length, max.length);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            double lo = min[min.length == 1 ? 0 : i];
            double hi = max[max.length == 1 ? 0 : i];
            double widen = hi - lo > MIN_ASYMMETRIC ? 0 : MIN_ASYMMETRIC;
            a[i] = Math.min(lo - widen, 0);
            b[i] = Math.max(hi + widen, 0);
        }
        if (unifyZeroPoint) {
            return tuneRangeUnifiedZeroPoint(a, b, bits);
        }
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            double[] r = tuneRange(a[i], b[i], bits, Double.NaN);
            lo[i] = r[0];
            hi[i] = r[1];
        }
        return new QuantizationRange(lo, hi);
    }

    /**
     * POT's {@code tuneRange}: moves one end of {@code [a, b]} (a &lt;= 0 &lt;= b) outwards so that zero falls exactly on
     * one of {@code 2^bits} levels; the range never shrinks. Uses {@code bits}, not the level count.
     *
     * @param zeroLevel the zero level to use, or NaN to compute it as {@code round_half_even(-a * Lh / (b - a))}
     * @return {@code {low, high}}
     */
    public static double[] tuneRange(double a, double b, int bits, double zeroLevel) {
        double lh = Math.pow(2, bits) - 1;
        double q = Double.isNaN(zeroLevel) ? Math.rint(-a * (lh / (b - a))) : zeroLevel;
        double ra = q < lh ? q / (q - lh) * b : a;
        double rb = q > 0 ? (q - lh) / q * a : b;
        if (b - ra > rb - a) {
            return new double[] {ra, b};
        }
        return new double[] {a, rb};
    }

    /** {@code tuneRangeUnifyZp}: one zero level, the rounded mean over channels, shared by every channel. */
    static QuantizationRange tuneRangeUnifiedZeroPoint(double[] a, double[] b, int bits) {
        double lh = Math.pow(2, bits) - 1;
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += -a[i] * lh / (b[i] - a[i]);
        }
        double q = Math.rint(sum / a.length);
        double[] lo = new double[a.length];
        double[] hi = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double[] r = tuneRange(a[i], b[i], bits, q);
            lo[i] = r[0];
            hi[i] = r[1];
        }
        return new QuantizationRange(lo, hi);
    }

    /** Applies {@code clipping_value}s: {@code hi = min(hi, maxClip)}, {@code lo = max(lo, minClip)} (NaN = none). */
    public static QuantizationRange clip(QuantizationRange range, double minClip, double maxClip) {
        double[] lo = range.low();
        double[] hi = range.high();
        for (int i = 0; i < lo.length; i++) {
            if (!Double.isNaN(maxClip)) {
                hi[i] = Math.min(hi[i], maxClip);
            }
            if (!Double.isNaN(minClip)) {
                lo[i] = Math.max(lo[i], minClip);
            }
        }
        return new QuantizationRange(lo, hi);
    }
}
