package org.pot4j.engine.reference;

import java.util.Locale;
import java.util.Set;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.engine.reference.ops.KernelRegistry;
import org.pot4j.engine.reference.plan.ValueStorage;

/**
 * Creates the {@code "vpu"} engine: the reference engine computing as an FP16 device of the MYRIAD class does —
 * inputs, constants and every op's output stored in FP16 (round to nearest even), f32 inside each op (the sums of
 * Convolution and MatMul included), a fused convolution/MatMul + bias + activation chain rounded once as one layer.
 * It runs on this machine's CPU; devices {@code VPU} and {@code MYRIAD} name what it emulates. Same options as the
 * reference engine ({@link ReferenceEngineOptions}).
 */
public final class VpuEngineFactory implements EngineFactory {
    /** The engine name users select: {@code "vpu"}. */
    public static final String NAME = "vpu";
    private static final Set<String> DEVICES = Set.of("VPU", "MYRIAD");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> devices() {
        return DEVICES;
    }

    @Override
    public Engine create(EngineSettings settings, PluginContext context) {
        if (!DEVICES.contains(settings.device().toUpperCase(Locale.ROOT))) {
            throw new EngineException("the vpu engine emulates FP16 devices VPU and MYRIAD (on the CPU), not device '"
                    + settings.device() + "': choose --device VPU or MYRIAD, or the reference engine for CPU");
        }
        ReferenceEngineOptions options = ReferenceEngineOptions.from(settings.config());
        return new ReferenceEngine(NAME, KernelRegistry.standard(), ValueStorage.F16, options, context == null
                ? System.getLogger(ReferenceEngine.class.getName()) : context.logger(ReferenceEngine.class.getName()));
    }
}
