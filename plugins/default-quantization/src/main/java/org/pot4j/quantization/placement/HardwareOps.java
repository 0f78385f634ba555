package org.pot4j.quantization.placement;

import org.pot4j.core.hardware.HardwareConfig;

/**
 * What FakeQuantize placement needs of a hardware configuration: which op types are quantized, and which are
 * quantization-agnostic (listed without quantization and in POT's QUANTIZE_AGNOSTIC_OPERATIONS, POT_SPEC §3.5).
 */
public interface HardwareOps {
    /** True when the hardware type has a {@code quantization} entry (for any group). */
    boolean isQuantizable(String hardwareType);

    /** True when the op type is listed in the configuration without quantization and is quantization-agnostic. */
    boolean isAgnostic(String opType);

    /** The view of a parsed hardware configuration. */
    static HardwareOps of(HardwareConfig config) {
        return new HardwareOps() {
            @Override
            public boolean isQuantizable(String hardwareType) {
                return config.isQuantizable(hardwareType);
            }

            @Override
            public boolean isAgnostic(String opType) {
                return config.isAgnostic(opType);
            }
        };
    }
}
