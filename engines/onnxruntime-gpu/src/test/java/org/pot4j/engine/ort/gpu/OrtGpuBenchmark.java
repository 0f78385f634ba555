package org.pot4j.engine.ort.gpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.timing.AlternatingRounds;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.OnnxSymbolicBatch;
import org.pot4j.testkit.RandomSamples;
import org.pot4j.testkit.TestPluginContext;

/**
 * Not a test, and it needs an NVIDIA GPU with CUDA 12 and cuDNN 9: the same ONNX models on the onnxruntime-gpu
 * engine's GPU and CPU devices (one ONNX Runtime, the GPU build, in one process), at batch 1 and 16, in alternating
 * 250 ms rounds, with the ratio CPU/GPU of the median latencies. Where the GPU is not usable it says why and exits 0.
 * Run: {@code mvn -Pgpu,benchmark -pl engines/onnxruntime-gpu verify [-Dbenchmark.seconds=N]}.
 */
public final class OrtGpuBenchmark {
    private OrtGpuBenchmark() {
    }

    public static void main(String[] args) {
        Path assets = Path.of(args.length > 0 ? args[0] : "../shared/assets");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Optional<String> reason = new OrtGpuEngineFactory().unavailableReason("GPU");
        if (reason.isPresent()) {
            System.out.println("OrtGpuBenchmark needs a usable GPU; not run: " + reason.get());
            return;
        }
        compare("MTCNN O-Net", assets.resolve("onnx/mtcnn/onet.onnx"), new long[] {3, 48, 48}, seconds);
        compare("mobilenet_v1_0.25_128", assets.resolve("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx"),
                new long[] {3, 128, 128}, seconds);
    }

    private static void compare(String name, Path file, long[] sample, double seconds) {
        OnnxModel model = OnnxSymbolicBatch.of((OnnxModel) new OnnxModelFormat().read(ModelSource.of(file)));
        String input = model.graph().parameters().get(0).name();
        TestPluginContext context = new TestPluginContext();
        OrtGpuEngineFactory factory = new OrtGpuEngineFactory();
        for (int batch : new int[] {1, 16}) {
            long[] dims = new long[sample.length + 1];
            dims[0] = batch;
            System.arraycopy(sample, 0, dims, 1, sample.length);
            Tensor x = RandomSamples.tensor(42, dims);
            try (Engine gpu = factory.create(new EngineSettings("GPU", Map.of()), context);
                 Engine cpu = factory.create(EngineSettings.cpu(), context)) {
                gpu.setModel(model);
                cpu.setModel(model);
                for (int i = 0; i < 3; i++) {
                    gpu.infer(Map.of(input, x));
                    cpu.infer(Map.of(input, x));
                }
                List<List<Double>> times = AlternatingRounds.time(seconds, 5,
                        List.of(() -> gpu.infer(Map.of(input, x)), () -> cpu.infer(Map.of(input, x))));
                double mg = AlternatingRounds.median(times.get(0));
                double mc = AlternatingRounds.median(times.get(1));
                System.out.printf(Locale.ROOT, "%s batch %2d: GPU %8.2f ms, CPU %8.2f ms, CPU/GPU %.2f (%d and %d runs;"
                        + " GPU time includes copying inputs and outputs)%n", name, batch, mg, mc, mc / mg,
                        times.get(0).size(), times.get(1).size());
            }
        }
    }
}
