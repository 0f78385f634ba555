package org.pot4j.core.statistics;

import java.util.Arrays;
import org.pot4j.api.error.ConfigurationException;

/**
 * How one sample (activations) or one output channel (weights) is reduced to a number, as POT's statistic
 * functions {@code min}, {@code max}, {@code abs_max}, {@code mean}, {@code quantile} and {@code abs_quantile}.
 */
public enum Reducer {
    MIN("min"),
    MAX("max"),
    ABS_MAX("abs_max"),
    MEAN("mean"),
    QUANTILE("quantile"),
    ABS_QUANTILE("abs_quantile");

    private final String potName;

    Reducer(String potName) {
        this.potName = potName;
    }

    /** The name POT's configuration and statistic names use ({@code abs_max}). */
    public String potName() {
        return potName;
    }

    /** True for the reducers that take a quantile {@code q}. */
    public boolean isQuantile() {
        return this == QUANTILE || this == ABS_QUANTILE;
    }

    /** True for the reducers applied to absolute values. */
    public boolean usesAbsoluteValues() {
        return this == ABS_MAX || this == ABS_QUANTILE;
    }

    /**
     * The reducer POT calls {@code name}.
     *
     * @throws ConfigurationException at {@code keyPath} when the name is unknown
     */
    public static Reducer fromPotName(String name, String keyPath) {
        for (Reducer r : values()) {
            if (r.potName.equals(name)) {
                return r;
            }
        }
        throw new ConfigurationException(keyPath, "'" + name + "' is not one of "
                + String.join(", ", Arrays.stream(values()).map(Reducer::potName).toArray(String[]::new)));
    }

    /**
     * Reduces {@code count} values of {@code data} starting at {@code offset} with stride 1.
     *
     * @param scratch a buffer of at least {@code count} doubles, used by quantiles
     */
    double reduce(float[] data, int offset, int count, double q, double[] scratch) {
        switch (this) {
            case MIN: {
                double m = Double.POSITIVE_INFINITY;
                for (int i = offset; i < offset + count; i++) {
                    m = Math.min(m, data[i]);
                }
                return m;
            }
            case MAX: {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = offset; i < offset + count; i++) {
                    m = Math.max(m, data[i]);
                }
                return m;
            }
            case ABS_MAX: {
                double m = 0;
                for (int i = offset; i < offset + count; i++) {
                    m = Math.max(m, Math.abs(data[i]));
                }
                return m;
            }
            case MEAN: {
                double s = 0;
                for (int i = offset; i < offset + count; i++) {
                    s += data[i];
                }
                return s / count;
            }
            default: {
                boolean abs = usesAbsoluteValues();
                for (int i = 0; i < count; i++) {
                    float v = data[offset + i];
                    scratch[i] = abs ? Math.abs(v) : v;
                }
                return Quantiles.selectQuantile(scratch, count, q);
            }
        }
    }
}
