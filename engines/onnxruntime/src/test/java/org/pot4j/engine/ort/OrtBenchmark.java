package org.pot4j.engine.ort;

import java.nio.file.Path;
import java.util.Map;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestPluginContext;
import org.pot4j.testkit.RandomSamples;

/**
 * Not a test: times mobilenet_v1_0.25_128 inference and a statistics pass collecting the max of every named float
 * tensor, with the max computed in the graph (inplace statistics) and in Java from whole tensors.
 * Run: {@code java -cp <test class path> org.pot4j.engine.ort.OrtBenchmark <assets> [threads]}.
 */
public final class OrtBenchmark {
    private static final int SAMPLES = 300;

    private OrtBenchmark() {
    }

    public static void main(String[] args) {
        Path assets = Path.of(args.length > 0 ? args[0] : "../shared/assets");
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Model model = new OnnxModelFormat().read(ModelSource.of(
                assets.resolve("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx")));
        RandomSamples data = new RandomSamples(SAMPLES, 3, 128, 128);
        try (Engine e = new OrtEngineFactory().create(EngineSettings.cpu(Map.of("threads", threads)),
                new TestPluginContext())) {
            e.setModel(model);
            InferenceLoop loop = InferenceLoop.of(e, data);
            loop.run(PredictRequest.evaluation(Sampler.sequential(20, 1), null)); // warm-up
            long t0 = System.nanoTime();
            loop.run(PredictRequest.evaluation(Sampler.sequential(SAMPLES, 1), null));
            double inferMs = (System.nanoTime() - t0) / 1e6 / SAMPLES;
            StatisticsRequest.Builder b = StatisticsRequest.builder();
            int ports = 0;
            for (Node n : model.graph().nodes()) {
                if (!n.isConstant() && !n.outputs().isEmpty() && !n.output(0).tensorNames().isEmpty()
                        && n.output(0).elementType().isFloatingPoint()) {
                    b.add(PortRef.of(n.name()), ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR,
                            Aggregator.MAX));
                    ports++;
                }
            }
            StatisticsRequest request = b.build();
            double[] statsMs = new double[2];
            for (int inplace = 1; inplace >= 0; inplace--) {
                InferenceLoop stats = loop.withInplaceStatistics(inplace == 1);
                stats.run(PredictRequest.statistics(Sampler.sequential(20, 1), request, null)); // its session
                t0 = System.nanoTime();
                stats.run(PredictRequest.statistics(Sampler.sequential(SAMPLES, 1), request, null));
                statsMs[inplace] = (System.nanoTime() - t0) / 1e6 / SAMPLES;
            }
            System.out.printf(java.util.Locale.ROOT, "mobilenet_v1_0.25_128, %d intra-op thread(s), batch 1: inference "
                    + "%.2f ms/sample; the max at %d ports: in the graph %.2f ms/sample, whole tensors %.2f "
                    + "ms/sample%n", threads, inferMs, ports, statsMs[1], statsMs[0]);
        }
    }
}
