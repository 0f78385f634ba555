package org.pot4j.core.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pot4j.api.error.ConfigurationException;

/**
 * The hardware configurations bundled with pot4j, by POT target device (POT_SPEC §2.3): ANY and CPU (and CPU_SPR)
 * use cpu.json, GPU gpu.json, NPU npu.json, VPU the legacy vpu.json (same content as npu.json), GNA gna.json.
 */
public final class HardwareConfigs {
    private static final String FOLDER = "/org/pot4j/core/hardware/";
    private static final Map<String, String> FILES = new LinkedHashMap<>();
    /** Parsed once per device: the records are immutable. */
    private static final Map<String, HardwareConfig> CACHE = new ConcurrentHashMap<>();

    static {
        FILES.put("ANY", "cpu.json");
        FILES.put("CPU", "cpu.json");
        FILES.put("CPU_SPR", "cpu.json");
        FILES.put("GPU", "gpu.json");
        FILES.put("NPU", "npu.json");
        FILES.put("VPU", "vpu.json");
        FILES.put("GNA", "gna.json");
    }

    private HardwareConfigs() {
    }

    /** The supported target devices, in documentation order. */
    public static Set<String> targetDevices() {
        return FILES.keySet();
    }

    /** The bundled file name for {@code targetDevice} ({@code cpu.json}). */
    public static String fileName(String targetDevice) {
        String file = FILES.get(targetDevice.toUpperCase(Locale.ROOT));
        if (file == null) {
            throw new ConfigurationException("", "Unsupported target_device '" + targetDevice + "' (supported: "
                    + String.join(", ", FILES.keySet()) + ")");
        }
        return file;
    }

    /**
     * The flattened configuration of {@code targetDevice} (case-insensitive), recorded under the device's upper-case
     * name as POT does.
     *
     * @throws ConfigurationException "Unsupported target_device 'X' (supported: ...)" for an unknown device
     */
    public static HardwareConfig forTargetDevice(String targetDevice) {
        String file = fileName(targetDevice);
        return CACHE.computeIfAbsent(targetDevice.toUpperCase(Locale.ROOT), device -> load(file, device));
    }

    private static HardwareConfig load(String file, String targetDevice) {
        try (InputStream in = HardwareConfigs.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("the bundled hardware configuration " + FOLDER + file + " is missing");
            }
            return HardwareConfigParser.parse(in, file, targetDevice);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
