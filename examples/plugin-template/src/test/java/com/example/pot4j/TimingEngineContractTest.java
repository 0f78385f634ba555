package com.example.pot4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.testkit.EngineContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit's engine contract for the timing engine, delegating to the reference engine on the test class path. */
class TimingEngineContractTest extends EngineContractTest {
    @TempDir
    Path dir;

    @Override
    protected EngineFactory factory() {
        return new TimingEngineFactory();
    }

    @Override
    protected Model model() {
        return ExampleFixtures.model();
    }

    @Override
    protected DataLoader dataLoader() {
        return ExampleFixtures.loader(dir);
    }

    @Test
    void inferencesAreTimed() {
        try (TimingEngine e = (TimingEngine) factory().create(EngineSettings.of(dataLoader()), new TestPluginContext())) {
            e.setModel(model());
            e.infer(Map.of("x", Tensor.ofFloats(new float[] {1, -1, 2, -2}, 1, 4)));
            assertTrue(e.averageMillis() > 0, "one inference was timed");
            assertTrue(Shape.of(1, 4).equals(e.infer(Map.of("x", Tensor.ofFloats(new float[4], 1, 4)))
                    .values().iterator().next().shape()));
        }
    }
}
