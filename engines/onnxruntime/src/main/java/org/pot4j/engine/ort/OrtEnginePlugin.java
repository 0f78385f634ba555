package org.pot4j.engine.ort;

import java.util.List;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: contributes the {@code onnxruntime} engine. Loads nothing native. */
public final class OrtEnginePlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public List<EngineFactory> engines() {
        return List.of(new OrtEngineFactory());
    }
}
