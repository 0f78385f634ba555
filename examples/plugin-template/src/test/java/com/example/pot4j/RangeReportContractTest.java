package com.example.pot4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.testkit.AlgorithmContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit's algorithm contract for RangeReport, and the report it writes. */
class RangeReportContractTest extends AlgorithmContractTest {
    @TempDir
    Path dir;

    @Override
    protected AlgorithmFactory factory() {
        return new RangeReportFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("output", dir.resolve("ranges.tsv").toString());
    }

    @Override
    protected Model model() {
        return ExampleFixtures.model();
    }

    @Override
    protected Engine engine() {
        return new ReferenceEngineFactory().create(EngineSettings.cpu(), new TestPluginContext());
    }

    @Override
    protected DataLoader dataLoader() {
        return ExampleFixtures.loader(dir);
    }

    @Test
    void theReportHoldsTheRangeOfEveryTensor() throws IOException {
        try (Engine engine = engine()) {
            Pipeline.create(List.of(algorithm()), InferenceLoop.of(engine, dataLoader())).run(model());
        }
        List<String> lines = Files.readAllLines(dir.resolve("ranges.tsv"));
        assertEquals("port\tmin\tmax", lines.get(0));
        assertTrue(lines.contains("x:0\t-6.00000\t5.00000"), lines.toString());
        assertTrue(lines.contains("relu:0\t0.00000\t5.00000"), lines.toString());
    }
}
