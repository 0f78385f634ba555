package org.pot4j.engine.ort;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.PredictRequest;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.MaxStatistic;
import org.pot4j.testkit.TestPluginContext;

/**
 * Not a test: times mobilenet_v1_0.25_128 inference and a statistics pass collecting the max of every named tensor.
 * Run: {@code java -cp <test class path> org.pot4j.engine.ort.OrtBenchmark <assets> [threads]}.
 */
public final class OrtBenchmark {
    private OrtBenchmark() {
    }

    public static void main(String[] args) {
        Path assets = Path.of(args.length > 0 ? args[0] : "../shared/assets");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Model model = new OnnxModelFormat().read(ModelSource.of(
                assets.resolve("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx")));
        RandomSamples data = new RandomSamples(300, 3, 128, 128);
        try (Engine e = new OrtEngineFactory().create(new EngineSettings("CPU", Map.of("threads", threads), data,
                Optional.empty()), new TestPluginContext())) {
            e.setModel(model);
            Sampler one = Sampler.sequential(300, 1);
            e.predict(PredictRequest.evaluation(Sampler.sequential(20, 1), null)); // warm-up
            long t0 = System.nanoTime();
            e.predict(PredictRequest.evaluation(one, null));
            double inferMs = (System.nanoTime() - t0) / 1e6 / 300;
            StatisticsRequest.Builder b = StatisticsRequest.builder();
            int ports = 0;
            for (Node n : model.graph().nodes()) {
                if (!n.isConstant() && !n.outputs().isEmpty() && !n.output(0).tensorNames().isEmpty()
                        && n.output(0).elementType().isFloatingPoint()) {
                    b.add(PortRef.of(n.name()), new MaxStatistic("max"));
                    ports++;
                }
            }
            t0 = System.nanoTime();
            e.predict(PredictRequest.statistics(Sampler.sequential(300, 1), b.build(), null));
            double statsMs = (System.nanoTime() - t0) / 1e6 / 300;
            System.out.printf("mobilenet_v1_0.25_128, %d intra-op thread(s): inference %.2f ms/sample (batch 1); "
                    + "statistics at %d ports %.2f ms/sample (batch 1)%n", threads, inferMs, ports, statsMs);
        }
    }
}
