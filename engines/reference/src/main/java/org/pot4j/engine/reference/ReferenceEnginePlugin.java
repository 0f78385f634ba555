package org.pot4j.engine.reference;

import java.util.List;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.plugin.Pot4jPlugin;

/** The plugin entry point: contributes the {@code "reference"} engine and its FP16 emulation {@code "vpu"}. Cheap to construct. */
public final class ReferenceEnginePlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "pot4j-engine-reference";
    }

    @Override
    public List<EngineFactory> engines() {
        return List.of(new ReferenceEngineFactory(), new VpuEngineFactory());
    }
}
