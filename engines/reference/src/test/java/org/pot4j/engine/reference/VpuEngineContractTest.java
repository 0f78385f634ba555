package org.pot4j.engine.reference;

import java.util.Map;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;

/** The engine contract for the {@code vpu} engine (FP16 storage), on the reference engine's contract network. */
class VpuEngineContractTest extends ReferenceEngineContractTest {
    @Override
    protected EngineFactory factory() {
        return new VpuEngineFactory();
    }

    @Override
    protected EngineSettings settings() {
        return new EngineSettings("VPU", Map.of());
    }
}
