package org.pot4j.core.hardware;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's flattened hardware configuration (POT_SPEC §3.1).
 *
 * @param targetDevice    the device it was loaded for ({@code ANY}, {@code CPU}, {@code GNA}, ...)
 * @param primaryBitwidth the preferred bit width when configurations are intersected (8 unless the file says, 16 for GNA)
 * @param operations      the op entries in file order
 */
public record HardwareConfig(String targetDevice, int primaryBitwidth, List<OpConfig> operations) {
    public HardwareConfig {
        Objects.requireNonNull(targetDevice, "targetDevice");
        operations = List.copyOf(operations);
    }

    /** The first entry for op {@code type}. */
    public Optional<OpConfig> op(String type) {
        for (OpConfig op : operations) {
            if (op.type().equals(type)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The schemes for {@code group} of op {@code type}; empty when the op or group is not quantized. */
    public List<QuantizationScheme> schemes(String type, String group) {
        return op(type).map(o -> o.schemes(group)).orElse(List.of());
    }

    /** True when op {@code type} has a {@code quantization} entry. */
    public boolean isQuantizable(String type) {
        return op(type).map(OpConfig::isQuantized).orElse(false);
    }

    /**
     * True when op {@code type} is listed without quantization and is one of POT's quantize-agnostic operations
     * (POT_SPEC §3.5: only those also present in the file count).
     */
    public boolean isAgnostic(String type) {
        return SpecialOperations.QUANTIZE_AGNOSTIC_OPERATIONS.contains(type)
                && op(type).map(o -> !o.isQuantized()).orElse(false);
    }

    /** True when any op of the configuration unifies scales. */
    public boolean hasUnifiedScales() {
        return operations.stream().anyMatch(o -> o.unifiedScales().isPresent());
    }
}
