package org.pot4j.engine.ort.gpu;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.engine.ort.OrtCudaProbe;
import org.pot4j.engine.ort.OrtEngine;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.engine.ort.OrtEngineOptions;

/**
 * Creates {@code onnxruntime-gpu} engines: the {@code onnxruntime} engine ({@link OrtEngine}, the same options) on the
 * ONNX Runtime build this plugin bundles, {@code GPU} on its CUDA execution provider and {@code CPU} on its CPU one.
 * Cheap: whether the GPU is usable is told by {@link OrtCudaProbe} from files, and {@code create} refuses GPU with
 * that answer before any native library loads.
 */
public final class OrtGpuEngineFactory implements EngineFactory {
    /** The engine name. */
    public static final String NAME = OrtEngineFactory.GPU_ENGINE;
    private static final String RUNTIME_CLASS = "ai.onnxruntime.OrtEnvironment";

    private final OrtCudaProbe probe;

    /** A factory probing this machine, and the ONNX Runtime its own class loader resolves. */
    public OrtGpuEngineFactory() {
        this(OrtCudaProbe.of(runtimeLoader()));
    }

    /** A factory asking {@code probe} whether the GPU is usable (tests give a probe of a made-up machine). */
    OrtGpuEngineFactory(OrtCudaProbe probe) {
        this.probe = probe;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> devices() {
        return Set.of("CPU", "GPU");
    }

    /**
     * CPU is always usable; GPU when the bundled ONNX Runtime is the GPU build and the machine has the NVIDIA driver,
     * CUDA 12 and cuDNN 9; otherwise what is missing and how to install it.
     */
    @Override
    public Optional<String> unavailableReason(String device) {
        String d = device.trim().toUpperCase(Locale.ROOT);
        if (d.equals("CPU")) {
            return Optional.empty();
        }
        if (!d.equals("GPU")) {
            return Optional.of("engine '" + NAME + "' does not run on " + device + " (devices: CPU, GPU)");
        }
        if (!probe.runtimeHasCuda()) {
            return Optional.of("the ONNX Runtime this engine loads is the CPU build (no libonnxruntime_providers_cuda"
                    + " among its natives): the plugin zip must bundle com.microsoft.onnxruntime:onnxruntime_gpu;"
                    + " build it with mvn -Pgpu -pl engines/onnxruntime-gpu -am package and use"
                    + " target/pot4j-engine-onnxruntime-gpu-<version>-plugin.zip");
        }
        return probe.missingCuda();
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        OrtEngineOptions options = OrtEngineOptions.from(settings.config());
        String device = settings.device().trim().toUpperCase(Locale.ROOT);
        if (!devices().contains(device)) {
            throw new EngineException("the " + NAME + " engine has no device '" + settings.device()
                    + "' (devices: CPU, GPU)");
        }
        if (device.equals("GPU")) {
            Optional<String> reason = unavailableReason(device);
            if (reason.isPresent()) {
                throw new EngineException("device GPU of engine '" + NAME + "' is not usable here: " + reason.get());
            }
        }
        return new OrtEngine(NAME, device, options, context);
    }

    /**
     * The class loader ONNX Runtime's classes come from for this plugin (in a PF4J zip: the plugin's own, ahead of
     * the host's CPU build), found without initializing them (their static initializer loads the natives).
     */
    static ClassLoader runtimeLoader() {
        ClassLoader own = OrtGpuEngineFactory.class.getClassLoader();
        try {
            return Class.forName(RUNTIME_CLASS, false, own).getClassLoader();
        } catch (ClassNotFoundException | LinkageError e) {
            return own;
        }
    }
}
