package org.pot4j.engine.ort.gpu;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.EngineContractTest;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.RandomSamples;

/**
 * The engine contract on device GPU, MTCNN O-Net with random 3x48x48 samples; skipped, saying what is missing, where
 * the GPU is not usable (no NVIDIA GPU, no CUDA 12 / cuDNN 9, or the CPU build of ONNX Runtime without -Pgpu).
 */
class OrtGpuEngineContractTest extends EngineContractTest {
    /** Each contract test is skipped (and counted as skipped) with the reason, where the GPU is not usable. */
    @BeforeEach
    void needsAUsableGpu() {
        Optional<String> reason = new OrtGpuEngineFactory().unavailableReason("GPU");
        Assumptions.assumeTrue(reason.isEmpty(), () -> "no usable GPU here: " + reason.orElse(""));
    }

    @Override
    protected EngineFactory factory() {
        return new OrtGpuEngineFactory();
    }

    @Override
    protected EngineSettings settings() {
        return new EngineSettings("GPU", Map.of());
    }

    @Override
    protected Model model() {
        return new OnnxModelFormat().read(ModelSource.of(TestAssets.require("onnx/mtcnn/onet.onnx")));
    }

    @Override
    protected DataLoader dataLoader() {
        return new RandomSamples(4, 3, 48, 48);
    }
}
