package org.pot4j.quantization.config;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.pot4j.core.hardware.QuantizationMode;
import org.pot4j.core.hardware.QuantizationScheme;
import org.pot4j.core.statistics.Granularity;

/**
 * The user's restriction of a group's schemes (POT_SPEC §5 step 1): the subset of {@code bits}, {@code mode},
 * {@code granularity}, {@code level_low}, {@code level_high} given in the {@code weights}/{@code activations} params.
 */
public record SchemeFilter(OptionalInt bits, Optional<QuantizationMode> mode, Optional<Granularity> granularity,
                           OptionalLong levelLow, OptionalLong levelHigh) {
    /** No restriction. */
    public static final SchemeFilter NONE = new SchemeFilter(OptionalInt.empty(), Optional.empty(), Optional.empty(),
            OptionalLong.empty(), OptionalLong.empty());

    public boolean isEmpty() {
        return this.equals(NONE);
    }

    /** True when {@code scheme} has every value the filter gives. */
    public boolean accepts(QuantizationScheme scheme) {
        return (bits.isEmpty() || bits.getAsInt() == scheme.bits())
                && (mode.isEmpty() || mode.get() == scheme.mode())
                && (granularity.isEmpty() || granularity.get() == scheme.granularity())
                && (levelLow.isEmpty() || scheme.levelLow().equals(levelLow))
                && (levelHigh.isEmpty() || scheme.levelHigh().equals(levelHigh));
    }

    /** The user's own scheme, used when no hardware scheme matches (POT warns "mismatch with hardware config"). */
    public QuantizationScheme asScheme(QuantizationScheme fallback) {
        return new QuantizationScheme(bits.orElse(fallback.bits()), mode.orElse(fallback.mode()),
                granularity.orElse(fallback.granularity()), levelLow.isPresent() ? levelLow : fallback.levelLow(),
                levelHigh.isPresent() ? levelHigh : fallback.levelHigh(), fallback.unifiedZeropoint());
    }
}
