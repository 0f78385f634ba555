package org.pot4j.engine.ort;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.onnx.OnnxModel;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.onnx.OnnxSymbolicBatch;
import org.pot4j.core.timing.AlternatingRounds;
import org.pot4j.testkit.RandomSamples;
import org.pot4j.testkit.TestPluginContext;

/**
 * Not a test: the same ONNX models in the reference engine and in ONNX Runtime, in one process, at batch 1 and 16,
 * with the ratio reference/ORT of the median latencies (measured in alternating 250 ms rounds so both see the same
 * load).
 * Run: {@code mvn -pl engines/onnxruntime -Pbenchmark verify [-Dbenchmark.seconds=N]}.
 */
public final class EngineComparisonBenchmark {
    private EngineComparisonBenchmark() {
    }

    public static void main(String[] args) {
        Path assets = Path.of(args.length > 0 ? args[0] : "../shared/assets");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        compare("MTCNN O-Net", assets.resolve("onnx/mtcnn/onet.onnx"), new long[] {3, 48, 48}, seconds);
        compare("mobilenet_v1_0.25_128", assets.resolve("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx"),
                new long[] {3, 128, 128}, seconds);
    }

    private static void compare(String name, Path file, long[] sample, double seconds) {
        // a batch-1 export made to run at batch 16 in ONNX Runtime; the reference engine needs no such change
        OnnxModel model = OnnxSymbolicBatch.of((OnnxModel) new OnnxModelFormat().read(ModelSource.of(file)));
        String input = model.graph().parameters().get(0).name();
        TestPluginContext context = new TestPluginContext();
        for (int batch : new int[] {1, 16}) {
            long[] dims = new long[sample.length + 1];
            dims[0] = batch;
            System.arraycopy(sample, 0, dims, 1, sample.length);
            Tensor x = RandomSamples.tensor(42, dims);
            try (Engine ort = engine(new OrtEngineFactory(), context);
                 Engine ref = engine(new ReferenceEngineFactory(), context)) {
                ort.setModel(model);
                ref.setModel(model);
                for (int i = 0; i < 3; i++) {
                    ort.infer(Map.of(input, x));
                    ref.infer(Map.of(input, x));
                }
                // rounds of 250 ms per engine, alternating: both see the same load, and ORT's spinning worker
                // threads (its default) have gone idle before the reference engine's round starts
                List<List<Double>> times = AlternatingRounds.time(seconds, 5,
                        List.of(() -> ort.infer(Map.of(input, x)), () -> ref.infer(Map.of(input, x))));
                List<Double> o = times.get(0);
                List<Double> f = times.get(1);
                double mo = AlternatingRounds.median(o);
                double mf = AlternatingRounds.median(f);
                System.out.printf(Locale.ROOT, "%s batch %2d: ONNX Runtime %8.2f ms, reference %8.2f ms, "
                        + "reference/ORT %.2f (%d and %d runs)%n", name, batch, mo, mf, mf / mo, o.size(), f.size());
            }
        }
    }

    private static Engine engine(EngineFactory factory, TestPluginContext context) {
        return factory.create(EngineSettings.cpu(), context);
    }
}
