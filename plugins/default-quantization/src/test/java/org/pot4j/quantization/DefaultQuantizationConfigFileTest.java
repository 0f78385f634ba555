package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.core.config.CompressionConfig;
import org.pot4j.core.config.Pot4jConfigReader;
import org.pot4j.core.pipeline.AlgorithmSequence;
import org.pot4j.quantization.config.Preset;
import org.pot4j.testkit.TestPluginContext;

/**
 * DefaultQuantization created from POT configuration files as a host does ({@link CompressionConfig#create}): the
 * compression section's keys reach it beside its params, and a bad parameter names its key from the file's root.
 */
class DefaultQuantizationConfigFileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void modelFile() throws IOException {
        Files.writeString(dir.resolve("m.xml"), "x");
    }

    @Test
    void theCompressionSectionsKeysReachTheAlgorithm() throws IOException {
        DefaultQuantizationParameters p = parameters("{'target_device': 'GNA', 'model_type': 'transformer',"
                + " 'algorithms': [{'name': 'DefaultQuantization', 'params': {'preset': 'mixed', 'stat_subset_size': 4}}]}");
        assertEquals("GNA", p.targetDevice());
        assertEquals(Preset.ACCURACY, p.preset(), "POT's configuration reader turns mixed into accuracy for GNA");
        assertEquals(4, p.statSubsetSize());
        assertEquals(true, p.transformer());
    }

    @Test
    void aTargetDeviceInTheParamsIsAcceptedAndTheCompressionSectionsApplies() throws IOException {
        assertEquals("CPU", parameters("{'target_device': 'CPU', 'algorithms': [{'name': 'DefaultQuantization',"
                + " 'params': {'target_device': 'GPU'}}]}").targetDevice());
        assertEquals("ANY", parameters("{'algorithms': [{'name': 'DefaultQuantization',"
                + " 'params': {'target_device': 'CPU'}}]}").targetDevice(), "POT's default, as POT's reader sets it");
    }

    @Test
    void errorsNameTheKeyFromTheFilesRoot() {
        assertError("compression.algorithms[0].params.preset: 'fastest' is not one of performance, mixed, accuracy",
                "{'preset': 'fastest'}");
        assertError("compression.algorithms[0].params.stat_subset_size: must be at least 1, got 0",
                "{'stat_subset_size': 0}");
        assertError("compression.algorithms[0].params.activations.granularity: 'perlayer' is not one of pertensor,"
                + " perchannel", "{'activations': {'granularity': 'perlayer'}}");
        ConfigurationException unknown = error("{'stat_subset': 300}");
        assertEquals("compression.algorithms[0].params.stat_subset", unknown.keyPath());
        assertEquals("unknown key (expected one of activations, apply_for_all_nodes, ignored, model_type, preset, "
                + "range_estimator, saturation_fix, seed, shuffle_data, stat_batch_size, stat_subset_size, "
                + "target_device, threshold, use_fast_bias, use_layerwise_tuning, weights)", unknown.reason());
    }

    /** Creates the algorithm as a host does, and returns what its factory bound. */
    private DefaultQuantizationParameters parameters(String compression) throws IOException {
        CompressionConfig c = Pot4jConfigReader.read(config(compression)).compression();
        Algorithm dq = c.create(0, new DefaultQuantizationFactory(), new TestPluginContext());
        DefaultQuantizationParameters bound = DefaultQuantizationParameters.bind(c.settings(0));
        boolean gna = bound.targetDevice().equals("GNA");
        assertEquals(gna ? 3 : 2, assertInstanceOf(AlgorithmSequence.class, dq).steps().size(),
                "ActivationChannelAlignment, then MinMax and FastBiasCorrection" + (gna ? ", then OverflowCorrection" : ""));
        return bound;
    }

    private ConfigurationException error(String params) {
        return assertThrows(ConfigurationException.class, () -> parameters("{'algorithms': [{'name': "
                + "'DefaultQuantization', 'params': " + params + "}]}"));
    }

    private void assertError(String expected, String params) {
        assertEquals(expected, error(params).getMessage());
    }

    private Path config(String compression) throws IOException {
        return Files.writeString(dir.resolve("config.json"), ("{'model': {'model_name': 'm', 'model': 'm.xml'},"
                + " 'engine': {}, 'compression': " + compression + "}").replace('\'', '"'));
    }
}
