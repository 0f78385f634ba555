package org.pot4j.quantization.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.pot4j.core.config.ConfigValues;
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

    /** The keys of a {@code weights}/{@code activations} object this filter is bound from. */
    public static final Set<String> KEYS = Set.of("bits", "mode", "granularity", "level_low", "level_high");
    private static final List<String> MODES = Arrays.stream(QuantizationMode.values()).map(QuantizationMode::potName)
            .toList();
    private static final List<String> GRANULARITIES = Arrays.stream(Granularity.values()).map(Granularity::potName)
            .toList();

    /**
     * Binds the scheme keys of a {@code weights}/{@code activations} object ({@code bits} in [1, 32]).
     *
     * @throws org.pot4j.api.error.ConfigurationException naming the key ({@code params.weights.mode})
     */
    public static SchemeFilter bind(ConfigValues values) {
        return new SchemeFilter(
                values.optIntInRange("bits", 1, 32).map(OptionalInt::of).orElse(OptionalInt.empty()),
                values.optOneOf("mode", MODES).map(m -> QuantizationMode.fromPotName(m, values.path("mode"))),
                values.optOneOf("granularity", GRANULARITIES)
                        .map(g -> Granularity.fromPotName(g, values.path("granularity"))),
                values.optLong("level_low").map(OptionalLong::of).orElse(OptionalLong.empty()),
                values.optLong("level_high").map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

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
