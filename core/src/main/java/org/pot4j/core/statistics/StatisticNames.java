package org.pot4j.core.statistics;

import java.math.BigDecimal;

/**
 * POT's statistic names (POT_SPEC §2.2, {@code get_stat_name_by_config}): {@code <min|max>_<type>}, plus
 * {@code _<outlier_prob>} for quantile types, the probability spelled as Python prints a float
 * ({@code max_abs_max}, {@code min_quantile_0.0001}, {@code max_abs_quantile_1e-05}).
 */
public final class StatisticNames {
    private StatisticNames() {
    }

    /** The name of the lower-range statistic of this type. */
    public static String min(Reducer type, double outlierProb) {
        return name("min", type, outlierProb);
    }

    /** The name of the upper-range statistic of this type. */
    public static String max(Reducer type, double outlierProb) {
        return name("max", type, outlierProb);
    }

    /**
     * {@code <bound>_<type>[_<outlier_prob>]}.
     *
     * @param bound       {@code min} or {@code max}
     * @param outlierProb used by the quantile types only
     */
    public static String name(String bound, Reducer type, double outlierProb) {
        if (!"min".equals(bound) && !"max".equals(bound)) {
            throw new IllegalArgumentException("bound must be min or max, got '" + bound + "'");
        }
        String base = bound + "_" + type.potName();
        return type.isQuantile() ? base + "_" + pythonFloat(outlierProb) : base;
    }

    /**
     * {@code value} as Python's {@code str(float)}: the shortest round-trip digits, positional for decimal exponents
     * in [-4, 16), scientific otherwise ({@code 0.0001}, {@code 1e-05}, {@code 0.5}, {@code 2.0}, {@code 1e+16}).
     */
    public static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest digits that round-trip, as Python's repr does.
        BigDecimal d = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = d.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
