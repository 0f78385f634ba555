package com.example.pot4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.model.Model;
import org.pot4j.core.config.CompressionConfig;
import org.pot4j.core.config.Pot4jConfig;
import org.pot4j.core.config.Pot4jConfigReader;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.core.plugin.PluginRegistry;

/**
 * RangeReport named in a POT JSON configuration, found through the registry as a host finds it: it gets its own
 * params, while the compression section's keys ({@code target_device}, ...) stay beside them, so its check for unknown
 * keys does not get in the way.
 */
class RangeReportFromConfigTest {
    @TempDir
    Path dir;

    @Test
    void createdFromAConfigWithItsOwnParamsAndRun() throws IOException {
        Path report = dir.resolve("report/ranges.tsv");
        CompressionConfig compression = read("""
                {"name": "RangeReport", "params": {"output": "%s", "stat_subset_size": 2}}
                """.formatted(report)).compression();
        assertEquals("CPU", compression.targetDevice());
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        Algorithm algorithm = compression.create(0, registry.algorithm("RangeReport"), registry.context());

        assertEquals("RangeReport", algorithm.name());
        Model model = ExampleFixtures.model();
        assertEquals(2, algorithm.statistics(model).subsetSize(), "params.stat_subset_size");
        try (Engine engine = registry.engine("reference").create(EngineSettings.cpu(), registry.context())) {
            Pipeline.create(List.of(algorithm), InferenceLoop.of(engine, ExampleFixtures.loader(dir))
                    .withInplaceStatistics(compression.inplaceStatistics())).run(model);
        }
        List<String> lines = Files.readAllLines(report);
        assertEquals("port\tmin\tmax", lines.get(0), "params.output");
        // the first two samples only: 1,-2,3,-4 and 0.5,0.25,-1,2
        assertTrue(lines.contains("x:0\t-4.00000\t3.00000"), lines.toString());
    }

    @Test
    void anUnknownParamIsNamedFromTheFilesRoot() throws IOException {
        CompressionConfig compression = read("""
                {"name": "RangeReport", "params": {"output": "r.tsv", "colour": "red"}}
                """).compression();
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> compression.create(0, registry.algorithm("RangeReport"), registry.context()));

        assertEquals("compression.algorithms[0].params.colour: unknown key (expected one of output, stat_subset_size)",
                e.getMessage());
    }

    /** A POT configuration of the CSV samples with one algorithm entry and every compression-level key. */
    private Pot4jConfig read(String algorithm) throws IOException {
        Files.writeString(dir.resolve("relu.model"), "the model is built in memory by ExampleFixtures");
        ExampleFixtures.csv(dir);
        Path config = Files.writeString(dir.resolve("config.json"), """
                {
                  "model": {"model_name": "relu", "model": "relu.model"},
                  "engine": {"type": "reference", "data_source": "samples.csv"},
                  "compression": {"target_device": "CPU", "model_type": "None", "dump_intermediate_model": false,
                                  "inplace_statistics": true, "algorithms": [%s]}
                }
                """.formatted(algorithm));
        return Pot4jConfigReader.read(config);
    }
}
