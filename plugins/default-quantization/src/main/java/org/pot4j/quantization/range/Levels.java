package org.pot4j.quantization.range;

/**
 * POT's {@code compute_levels} (POT_SPEC §5 step 7): the integer grid of a quantization scheme and its level count.
 *
 * @param low    the lowest integer level
 * @param high   the highest integer level
 * @param levels the number of levels, {@code |high| + |low| + 1} (a long: 32-bit GNA schemes have 2^32)
 */
public record Levels(long low, long high, long levels) {
    /**
     * The grid for {@code bits}, with explicit bounds where the scheme gives them (null otherwise): by default
     * {@code -2^bits/2 + 1} for symmetric weights, {@code -2^bits/2} otherwise, up to {@code 2^bits/2 - 1}.
     */
    public static Levels of(int bits, boolean symmetricWeights, Long levelLow, Long levelHigh) {
        long d = 1L << bits;
        long low = levelLow != null ? levelLow : (symmetricWeights ? -d / 2 + 1 : -d / 2);
        long high = levelHigh != null ? levelHigh : d / 2 - 1;
        return new Levels(low, high, Math.abs(high) + Math.abs(low) + 1);
    }

    /** True when the grid goes below zero: POT's {@code signed}. */
    public boolean signed() {
        return low < 0;
    }
}
