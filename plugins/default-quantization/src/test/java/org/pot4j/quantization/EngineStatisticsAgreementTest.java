package org.pot4j.quantization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;
import org.pot4j.core.statistics.ActivationStatistic;
import org.pot4j.core.statistics.Aggregator;
import org.pot4j.core.statistics.Granularity;
import org.pot4j.core.statistics.Reducer;
import org.pot4j.data.image.ImageDataLoader;
import org.pot4j.data.image.ImageLoaderConfig;
import org.pot4j.engine.ort.OrtEngineFactory;
import org.pot4j.engine.reference.ReferenceEngineFactory;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.TestPluginContext;

/**
 * The statistics DefaultQuantization relies on are the same whichever engine collects them: min and max at every
 * float tensor of mobilenet_v1 on the same samples, from ONNX Runtime (extra graph outputs) and from the reference
 * engine (its own plan), agree within 1e-4 relative.
 */
class EngineStatisticsAgreementTest {
    @Test
    void onnxRuntimeAndTheReferenceEngineCollectTheSameMinAndMax() {
        Path onnx = TestAssets.require("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx");
        Path images = TestAssets.require("images/imagenet-samples/images");
        DataLoader loader = ImageDataLoader.open(ImageLoaderConfig.fromMap(Map.of("data_source", images.toString(),
                "input_shape", List.of(1, 3, 128, 128), "color_order", "RGB", "central_fraction", 0.875,
                "mean", List.of(127.5), "scale", List.of(127.5))));
        Model model = new OnnxModelFormat().read(ModelSource.of(onnx));
        StatisticsRequest.Builder b = StatisticsRequest.builder();
        int ports = 0;
        for (Node n : model.graph().nodes()) {
            boolean tensor = !n.isConstant() && !OpKinds.RESULT.equals(n.kind()) && !n.outputs().isEmpty()
                    && !n.output(0).tensorNames().isEmpty() && n.output(0).elementType() == ElementType.F32;
            if (tensor) {
                b.add(PortRef.of(n.name()), ActivationStatistic.of(Reducer.MIN, Granularity.PER_TENSOR, Aggregator.MIN));
                b.add(PortRef.of(n.name()), ActivationStatistic.of(Reducer.MAX, Granularity.PER_TENSOR, Aggregator.MAX));
                ports++;
            }
        }
        StatisticsRequest request = b.build();
        TestPluginContext context = new TestPluginContext();
        CollectedStatistics ort;
        CollectedStatistics reference;
        try (Engine e = new OrtEngineFactory().create(EngineSettings.cpu(), context)) {
            e.setModel(model);
            ort = InferenceLoop.of(e, loader).run(PredictRequest.statistics(Sampler.sequential(4, 1), request, null))
                    .statistics();
        }
        try (Engine e = new ReferenceEngineFactory().create(EngineSettings.cpu(), context)) {
            e.setModel(model);
            reference = InferenceLoop.of(e, loader)
                    .run(PredictRequest.statistics(Sampler.sequential(4, 1), request, null)).statistics();
        }
        assertTrue(ports > 50, "float tensors compared: " + ports);
        for (PortRef port : request.ports()) {
            for (var s : request.at(port)) {
                float a = ort.require(port, s.name()).getFloat(0);
                float r = reference.require(port, s.name()).getFloat(0);
                assertEquals(a, r, 1e-4 * Math.max(Math.abs(a), Math.abs(r)) + 1e-6, s.name() + " at " + port);
            }
        }
    }
}
