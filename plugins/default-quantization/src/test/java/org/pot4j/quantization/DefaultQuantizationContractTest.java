package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.AlgorithmContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit's algorithm contract for DefaultQuantization, on a small Conv + Relu ONNX model. */
class DefaultQuantizationContractTest extends AlgorithmContractTest {
    private static final int SAMPLES = 4;

    @TempDir
    Path dir;

    @Override
    protected AlgorithmFactory factory() {
        return new DefaultQuantizationFactory();
    }

    @Override
    protected Map<String, Object> params() {
        return Map.of("preset", "performance", "stat_subset_size", SAMPLES);
    }

    @Override
    protected AlgorithmSettings settings() {
        return AlgorithmSettings.of(params(), "CPU");
    }

    @Override
    protected Model model() {
        try {
            Path file = dir.resolve("conv_relu.onnx");
            if (!Files.exists(file)) {
                Files.write(file, QdqPatternModels.all().get("conv_relu").toByteArray());
            }
            return new OnnxModelFormat().read(ModelSource.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Engine engine() {
        return new ReferenceEngineFactory().create(EngineSettings.cpu(), new TestPluginContext());
    }

    @Override
    protected DataLoader dataLoader() {
        return new RandomInputs(SAMPLES, QdqPatternModels.INPUT);
    }

    @Test
    void quantizesTheModel() {
        Model int8;
        try (Engine engine = engine()) {
            int8 = Pipeline.create(List.of(algorithm()), InferenceLoop.of(engine, dataLoader())).run(model());
        }
        List<String> kinds = int8.graph().nodes().stream().map(n -> n.kind()).toList();
        assertTrue(kinds.contains(OpKinds.DEQUANTIZE_LINEAR) || kinds.contains(OpKinds.FAKE_QUANTIZE),
                "quantizers in " + kinds);
    }
}
