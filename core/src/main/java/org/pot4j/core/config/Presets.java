package org.pot4j.core.config;

import java.util.List;
import java.util.Map;

/**
 * POT's quantization presets and the renaming its tool configuration applies per target device (POT_SPEC §2.1,
 * {@code config.py _configure_algo_params}). The API path does not rename; only configuration files do.
 */
public final class Presets {
    public static final String PERFORMANCE = "performance";
    public static final String MIXED = "mixed";
    public static final String ACCURACY = "accuracy";
    /** The preset names, in the order messages list them. */
    public static final List<String> NAMES = List.of(PERFORMANCE, MIXED, ACCURACY);
    /** Old names still accepted. */
    public static final Map<String, String> ALIASES = Map.of("symmetric", PERFORMANCE, "asymmetric", ACCURACY);

    private static final Map<String, Map<String, String>> BY_DEVICE = Map.of(
            "NPU", Map.of(),
            "GNA", Map.of(MIXED, ACCURACY),
            "GNA3", Map.of(MIXED, ACCURACY),
            "GNA3.5", Map.of(MIXED, ACCURACY));
    /** CPU, ANY, GPU and every device POT does not list: its accuracy preset is mixed. */
    private static final Map<String, String> OTHERS = Map.of(ACCURACY, MIXED);

    private Presets() {
    }

    /** {@code preset} (a name or alias) as POT's configuration reader turns it for {@code targetDevice}. */
    public static String forDevice(String preset, String targetDevice) {
        String name = ALIASES.getOrDefault(preset, preset);
        return BY_DEVICE.getOrDefault(targetDevice, OTHERS).getOrDefault(name, name);
    }
}
