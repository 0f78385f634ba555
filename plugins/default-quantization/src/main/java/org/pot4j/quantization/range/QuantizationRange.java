package org.pot4j.quantization.range;

/**
 * The input (and, unless rescaled, output) range of a FakeQuantize: per-element low and high bounds, one element per
 * tensor (per-tensor) or per channel.
 *
 * @param low  {@code input_low} values
 * @param high {@code input_high} values
 */
public record QuantizationRange(double[] low, double[] high) {
    public QuantizationRange {
        if (low.length != high.length) {
            throw new IllegalArgumentException("low has " + low.length + " values, high " + high.length);
        }
        low = low.clone();
        high = high.clone();
    }

    /** A per-tensor range. */
    public static QuantizationRange of(double low, double high) {
        return new QuantizationRange(new double[] {low}, new double[] {high});
    }

    public int size() {
        return low.length;
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }
}
