package org.pot4j.engine.ort;

import ai.onnxruntime.OrtProvider;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;

/**
 * Creates {@code onnxruntime} engines. Cheap: ONNX Runtime's natives load when an engine is created for GPU (to check
 * for CUDA) or when a CPU engine loads its first model.
 */
public final class OrtEngineFactory implements EngineFactory {
    /** The engine name. */
    public static final String NAME = "onnxruntime";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> devices() {
        return Set.of("CPU", "GPU");
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        OrtEngineOptions options = OrtEngineOptions.from(settings.config());
        String device = settings.device().trim().toUpperCase(Locale.ROOT);
        if (!devices().contains(device)) {
            throw new EngineException("the onnxruntime engine has no device '" + settings.device() + "' (devices: CPU, GPU)");
        }
        if (device.equals("GPU")) {
            unavailableReason(device).ifPresent(reason -> {
                throw new EngineException(reason);
            });
        }
        return new OrtEngine(device, options, context);
    }

    /** GPU needs the CUDA execution provider, which only ONNX Runtime's GPU build has; finding out loads its natives. */
    @Override
    public Optional<String> unavailableReason(String device) {
        if (!device.equals("GPU")) {
            return EngineFactory.super.unavailableReason(device);
        }
        if (OrtRuntime.providers().contains(OrtProvider.CUDA)) {
            return Optional.empty();
        }
        return Optional.of("device GPU needs ONNX Runtime's CUDA execution provider, which the ONNX Runtime on the class"
                + " path does not have (providers: " + OrtRuntime.providers() + "); use the GPU build"
                + " (com.microsoft.onnxruntime:onnxruntime_gpu) with CUDA drivers installed, or device CPU");
    }
}
