package org.pot4j.engine.ort.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.ort.OrtCudaProbe;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;
import org.pot4j.testkit.RandomSamples;

/** What the GPU engine says and does where the GPU is not usable; CPU through the same engine. */
class OrtGpuEngineFactoryTest {
    @TempDir
    Path root;

    /** A class loader whose ONNX Runtime natives include the CUDA provider library (the GPU build's layout). */
    private ClassLoader gpuBuild() throws IOException {
        Path lib = root.resolve("gpu-build/ai/onnxruntime/native/linux-x64/libonnxruntime_providers_cuda.so");
        Files.createDirectories(lib.getParent());
        Files.write(lib, new byte[0]);
        return new URLClassLoader(new URL[] {root.resolve("gpu-build").toUri().toURL()}, null);
    }

    @Test
    void namesAndDevices() {
        OrtGpuEngineFactory f = new OrtGpuEngineFactory();
        assertEquals("onnxruntime-gpu", f.name());
        assertEquals(Set.of("CPU", "GPU"), f.devices());
        assertEquals(Optional.empty(), f.unavailableReason("CPU"));
        assertTrue(f.unavailableReason("VPU").orElseThrow().contains("does not run on VPU"));
    }

    @Test
    void onAMachineWithoutAGpuTheReasonNamesWhatIsMissingAndCreateRefusesWithIt() {
        Optional<String> reason = new OrtGpuEngineFactory().unavailableReason("GPU");
        Assumptions.assumeTrue(reason.isPresent(), "this machine has a usable GPU: nothing to refuse");
        String r = reason.get();
        assertTrue(r.contains("onnxruntime_gpu") || r.contains("missing here"), r);
        EngineException e = assertThrows(EngineException.class, () -> new OrtGpuEngineFactory().create(
                new EngineSettings("gpu", Map.of()), new TestPluginContext()));
        assertEquals("device GPU of engine 'onnxruntime-gpu' is not usable here: " + r, e.getMessage());
    }

    @Test
    void theCpuBuildOnTheClassPathIsNamedWithHowToBuildTheZip() {
        // a class loader without the CUDA provider library among ONNX Runtime's natives, as the CPU build's
        OrtGpuEngineFactory f = new OrtGpuEngineFactory(new OrtCudaProbe(root, null, "Linux", "amd64",
                new URLClassLoader(new URL[0], null)));
        String r = f.unavailableReason("GPU").orElseThrow();
        assertTrue(r.contains("is the CPU build") && r.contains("mvn -Pgpu -pl engines/onnxruntime-gpu -am package")
                && r.contains("pot4j-engine-onnxruntime-gpu-<version>-plugin.zip"), r);
    }

    @Test
    void theGpuBuildOnABareMachineNamesDriverCudaAndCudnnAndCreateRefusesBeforeLoadingNatives() throws IOException {
        OrtGpuEngineFactory f = new OrtGpuEngineFactory(new OrtCudaProbe(root, "", "Linux", "amd64", gpuBuild()));
        String r = f.unavailableReason("GPU").orElseThrow();
        assertTrue(r.contains("no NVIDIA driver") && r.contains("libcuda.so.1") && r.contains("libcudart.so.12")
                && r.contains("libcudnn.so.9") && r.contains("install the NVIDIA driver"), r);
        // the options are bound first (a bad key is named), then the device is refused with the probe's answer
        assertThrows(ConfigurationException.class, () -> f.create(new EngineSettings("GPU", Map.of("cuda", 0)),
                new TestPluginContext()));
        EngineException e = assertThrows(EngineException.class,
                () -> f.create(new EngineSettings("GPU", Map.of("cuda_device", 1)), new TestPluginContext()));
        assertTrue(e.getMessage().endsWith(r), e.getMessage());
    }

    @Test
    void theGpuBuildOnAMachineWithEverythingIsUsable() throws IOException {
        for (String lib : new String[] {"proc/driver/nvidia/version", "usr/lib/x86_64-linux-gnu/libcuda.so.1",
                "usr/local/cuda/lib64/libcudart.so.12", "usr/local/cuda/lib64/libcublas.so.12",
                "usr/local/cuda/lib64/libcublasLt.so.12", "usr/local/cuda/lib64/libcurand.so.10",
                "usr/lib/x86_64-linux-gnu/libcudnn.so.9"}) {
            Files.createDirectories(root.resolve(lib).getParent());
            Files.write(root.resolve(lib), new byte[0]);
        }
        OrtGpuEngineFactory f = new OrtGpuEngineFactory(new OrtCudaProbe(root, null, "Linux", "amd64", gpuBuild()));
        assertEquals(Optional.empty(), f.unavailableReason("GPU"));
    }

    @Test
    void unknownDeviceIsRefused() {
        EngineException e = assertThrows(EngineException.class, () -> new OrtGpuEngineFactory().create(
                new EngineSettings("NPU", Map.of()), new TestPluginContext()));
        assertTrue(e.getMessage().contains("no device 'NPU'"), e.getMessage());
    }

    @Test
    void cpuRunsThroughTheSameEngine() {
        Model onet = new OnnxModelFormat().read(ModelSource.of(TestAssets.require("onnx/mtcnn/onet.onnx")));
        try (Engine e = new OrtGpuEngineFactory().create(EngineSettings.cpu(Map.of("threads", 1)),
                new TestPluginContext())) {
            assertEquals("onnxruntime-gpu", e.name());
            e.setModel(onet);
            String input = onet.graph().parameters().get(0).name();
            Map<String, Tensor> out = e.infer(Map.of(input, new RandomSamples(1, 1, 3, 48, 48).get(0).inputs().values().iterator().next()));
            assertEquals(onet.graph().results().size(), out.size());
        }
    }
}
