package org.pot4j.quantization;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.pot4j.api.tensor.Tensor;

/**
 * Where ONNX Runtime spends an inference, by op type of the graph it actually runs (after its own fusions, e.g.
 * QLinearConv for a QDQ Conv): its profiler's kernel times over a number of runs, in ms per run. Benchmark support,
 * not a test.
 */
final class OrtOpProfile {
    private OrtOpProfile() {
    }

    /** Milliseconds per run by op type, sorted by name. */
    static Map<String, Double> of(Path model, String inputName, Tensor input, int runs) throws OrtException, IOException {
        return of(model, inputName, input, runs, 0);
    }

    /** Milliseconds per run by op type, sorted by name, with {@code threads} intra-op threads (0: ONNX Runtime's). */
    static Map<String, Double> of(Path model, String inputName, Tensor input, int runs, int threads)
            throws OrtException, IOException {
        Path prefix = Files.createTempDirectory("pot4j-ort-profile").resolve("profile");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        String file;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.enableProfiling(prefix.toString());
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            try (OrtSession session = env.createSession(model.toString(), options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.toFloatArray()),
                         input.shape().dims())) {
                for (int i = 0; i < runs; i++) {
                    session.run(Map.of(inputName, x)).close();
                }
                file = session.endProfiling();
            }
        }
        Map<String, Double> byOp = new TreeMap<>();
        for (JsonNode event : new ObjectMapper().readTree(Path.of(file).toFile())) {
            if ("Node".equals(event.path("cat").asText()) && event.path("name").asText().endsWith("_kernel_time")) {
                byOp.merge(event.path("args").path("op_name").asText("?"), event.path("dur").asDouble() / 1000 / runs,
                        Double::sum);
            }
        }
        Files.deleteIfExists(Path.of(file));
        return byOp;
    }
}
