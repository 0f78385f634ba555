package org.pot4j.engine.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.plugin.PluginContext;

/** The CPU build's factory never claims a GPU it cannot run: it names the GPU plugin, or hands GPU over to it. */
class OrtGpuRoutingTest {
    @Test
    void gpuIsListedAsNotUsableNamingThePluginAndHowToInstallIt() {
        OrtEngineFactory factory = new OrtEngineFactory();
        assertEquals(Set.of("CPU", "GPU"), factory.devices());
        assertTrue(factory.unavailableReason("CPU").isEmpty());
        String reason = factory.unavailableReason("GPU").orElseThrow();
        assertTrue(reason.contains("pot4j-engine-onnxruntime-gpu-<version>-plugin.zip") && reason.contains("plugins/")
                && reason.contains("--plugins-dir") && reason.contains("--engine onnxruntime-gpu"), reason);
        assertTrue(factory.unavailableReason("VPU").orElseThrow().contains("does not run on VPU"));
    }

    @Test
    void gpuWithoutThePluginFailsSayingHowToInstallItAndLoadsNoNatives() {
        EngineException e = assertThrows(EngineException.class, () -> new OrtEngineFactory().create(
                new EngineSettings("gpu", Map.of()), new NoPluginsContext()));
        assertTrue(e.getMessage().startsWith("device GPU of engine 'onnxruntime' needs the onnxruntime-gpu plugin, "
                + "which is not installed") && e.getMessage().endsWith(OrtEngineFactory.GPU_PLUGIN_INSTALL), e.getMessage());
        assertTrue(new OrtEngineFactory().unavailableReason("GPU").orElseThrow()
                .endsWith(OrtEngineFactory.GPU_PLUGIN_INSTALL));
    }

    @Test
    void gpuGoesToTheGpuPluginWhenTheHostHasIt() {
        List<EngineSettings> asked = new ArrayList<>();
        EngineException marker = new EngineException("the GPU plugin's answer");
        EngineFactory gpu = new EngineFactory() {
            @Override
            public String name() {
                return OrtEngineFactory.GPU_ENGINE;
            }

            @Override
            public Engine create(EngineSettings settings, PluginContext context) {
                asked.add(settings);
                throw marker;
            }
        };
        PluginContext host = new NoPluginsContext() {
            @Override
            public Optional<EngineFactory> engine(String name) {
                return name.equals(OrtEngineFactory.GPU_ENGINE) ? Optional.of(gpu) : Optional.empty();
            }
        };
        EngineSettings settings = new EngineSettings("GPU", Map.of("cuda_device", 1));
        EngineException e = assertThrows(EngineException.class, () -> new OrtEngineFactory().create(settings, host));
        assertSame(marker, e);
        assertEquals(List.of(settings), asked, "the GPU plugin gets the settings as they are");
    }

    @Test
    void cpuStaysInThisEngineEvenWithTheGpuPluginPresent() {
        PluginContext host = new NoPluginsContext() {
            @Override
            public Optional<EngineFactory> engine(String name) {
                throw new AssertionError("CPU must not look for other engines");
            }
        };
        try (Engine e = new OrtEngineFactory().create(EngineSettings.cpu(), host)) {
            assertEquals("onnxruntime", e.name());
        }
    }
}
