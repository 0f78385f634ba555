package org.pot4j.engine.reference;

import java.util.List;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.plugin.Pot4jPlugin;
import org.pot4j.engine.reference.gna.GnaEngineFactory;

/** The plugin entry point: contributes the {@code "reference"} engine and its emulations {@code "vpu"} (FP16) and {@code "gna"}. Cheap to construct. */
public final class ReferenceEnginePlugin implements Pot4jPlugin {
    @Override
    public String name() {
        return "pot4j-engine-reference";
    }

    @Override
    public List<EngineFactory> engines() {
        return List.of(new ReferenceEngineFactory(), new VpuEngineFactory(), new GnaEngineFactory());
    }
}
