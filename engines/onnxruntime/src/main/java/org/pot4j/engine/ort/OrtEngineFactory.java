package org.pot4j.engine.ort;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;

/**
 * Creates {@code onnxruntime} engines on ONNX Runtime's CPU build. Cheap: ONNX Runtime's natives load when a CPU
 * engine loads its first model. Device {@code GPU} runs through the separate {@code onnxruntime-gpu} plugin (ONNX
 * Runtime's GPU build must never share a class path with the CPU build): when that plugin is installed, {@code create}
 * hands GPU settings to it; otherwise GPU is refused saying how to install it.
 */
public final class OrtEngineFactory implements EngineFactory {
    /** The engine name. */
    public static final String NAME = "onnxruntime";
    /** The name of the engine the GPU plugin contributes ({@code pot4j-engine-onnxruntime-gpu}). */
    public static final String GPU_ENGINE = "onnxruntime-gpu";
    /** How to install the GPU plugin, for messages. */
    public static final String GPU_PLUGIN_INSTALL = "install the onnxruntime-gpu plugin: copy"
            + " pot4j-engine-onnxruntime-gpu-<version>-plugin.zip (built with mvn -Pgpu -pl engines/onnxruntime-gpu"
            + " -am package) into the pot4j distribution's plugins/ folder, or into a folder given with"
            + " pot4j --plugins-dir DIR, then select --engine " + GPU_ENGINE + " --device GPU (or --engine " + NAME
            + " --device GPU)";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> devices() {
        return Set.of("CPU", "GPU");
    }

    /** CPU is always usable; GPU never is in this build: it says which plugin runs it and how to install that. */
    @Override
    public Optional<String> unavailableReason(String device) {
        String d = device.trim().toUpperCase(Locale.ROOT);
        if (d.equals("CPU")) {
            return Optional.empty();
        }
        if (d.equals("GPU")) {
            return Optional.of(gpuMessage());
        }
        return Optional.of("engine '" + NAME + "' does not run on " + device + " (devices: CPU, GPU)");
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        OrtEngineOptions options = OrtEngineOptions.from(settings.config());
        String device = settings.device().trim().toUpperCase(Locale.ROOT);
        if (!devices().contains(device)) {
            throw new EngineException("the onnxruntime engine has no device '" + settings.device() + "' (devices: CPU, GPU)");
        }
        if (device.equals("GPU")) {
            Optional<EngineFactory> gpu = context.engine(GPU_ENGINE);
            if (gpu.isPresent() && gpu.get() != this) {
                return gpu.get().create(settings, context);
            }
            throw new EngineException(gpuPluginMissing());
        }
        return new OrtEngine(NAME, device, options, context);
    }

    /** Why GPU is not this engine's, for listings: true whether or not the GPU plugin is installed. */
    private static String gpuMessage() {
        return "this engine carries ONNX Runtime's CPU build, without the CUDA execution provider: device GPU runs"
                + " through the " + GPU_ENGINE + " plugin (engine " + GPU_ENGINE + ", which --engine " + NAME
                + " --device GPU uses when it is installed); to " + GPU_PLUGIN_INSTALL;
    }

    /** Why {@code create} refuses GPU: the GPU plugin is not in the host. */
    private static String gpuPluginMissing() {
        return "device GPU of engine '" + NAME + "' needs the " + GPU_ENGINE + " plugin, which is not installed (this"
                + " engine carries ONNX Runtime's CPU build, without the CUDA execution provider); to use an NVIDIA"
                + " GPU, " + GPU_PLUGIN_INSTALL;
    }
}
