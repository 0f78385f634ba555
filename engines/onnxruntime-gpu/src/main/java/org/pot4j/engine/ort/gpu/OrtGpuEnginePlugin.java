package org.pot4j.engine.ort.gpu;

import java.util.List;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: contributes the {@code onnxruntime-gpu} engine. Loads nothing native. */
public final class OrtGpuEnginePlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return OrtGpuEngineFactory.NAME;
    }

    @Override
    public List<EngineFactory> engines() {
        return List.of(new OrtGpuEngineFactory());
    }
}
