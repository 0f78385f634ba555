package org.pot4j.core.hardware;

import java.util.Objects;
import java.util.OptionalLong;
import org.pot4j.core.statistics.Granularity;

/**
 * One quantization a device supports for a group of an op (one flattened entry of a hardware configuration).
 *
 * @param bits             the bit width
 * @param mode             symmetric or asymmetric
 * @param granularity      per-tensor or per-channel
 * @param levelLow         the lowest integer level, when the configuration fixes it
 * @param levelHigh        the highest integer level, when the configuration fixes it
 * @param unifiedZeropoint one zero point shared by every channel (NPU asymmetric weights)
 */
public record QuantizationScheme(int bits, QuantizationMode mode, Granularity granularity, OptionalLong levelLow,
                                 OptionalLong levelHigh, boolean unifiedZeropoint) {
    public QuantizationScheme {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bits must be in [1, 32], got " + bits);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(granularity, "granularity");
        levelLow = levelLow == null ? OptionalLong.empty() : levelLow;
        levelHigh = levelHigh == null ? OptionalLong.empty() : levelHigh;
    }

    /** A scheme with default levels and no unified zero point. */
    public static QuantizationScheme of(int bits, QuantizationMode mode, Granularity granularity) {
        return new QuantizationScheme(bits, mode, granularity, OptionalLong.empty(), OptionalLong.empty(), false);
    }

    /** A scheme with fixed levels. */
    public static QuantizationScheme of(int bits, QuantizationMode mode, Granularity granularity, long levelLow,
                                        long levelHigh) {
        return new QuantizationScheme(bits, mode, granularity, OptionalLong.of(levelLow), OptionalLong.of(levelHigh), false);
    }

    /**
     * The lowest level, defaulted as POT's {@code compute_levels} (POT_SPEC §5 step 7): {@code -2^bits/2 + 1} for
     * symmetric weights, {@code -2^bits/2} otherwise.
     */
    public long effectiveLevelLow(boolean weights) {
        long half = 1L << (bits - 1);
        return levelLow.orElse(weights && mode == QuantizationMode.SYMMETRIC ? -half + 1 : -half);
    }

    /** The highest level, defaulting to {@code 2^bits/2 - 1}. */
    public long effectiveLevelHigh() {
        return levelHigh.orElse((1L << (bits - 1)) - 1);
    }

    /** FakeQuantize levels {@code |high| + |low| + 1} (a long: 32-bit GNA schemes have 2^32 levels). */
    public long levels(boolean weights) {
        return Math.abs(effectiveLevelHigh()) + Math.abs(effectiveLevelLow(weights)) + 1;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("(").append(bits).append(',').append(mode.potName()).append(',')
                .append(granularity.potName());
        levelLow.ifPresent(l -> b.append(",low=").append(l));
        levelHigh.ifPresent(h -> b.append(",high=").append(h));
        if (unifiedZeropoint) {
            b.append(",unified_zeropoint");
        }
        return b.append(')').toString();
    }
}
