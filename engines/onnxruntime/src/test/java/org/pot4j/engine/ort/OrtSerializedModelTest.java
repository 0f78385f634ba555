package org.pot4j.engine.ort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.model.SerializedModel;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.onnx.OnnxModelFormat;
import org.pot4j.testkit.HostReduction;
import org.pot4j.testkit.RecordingObserver;
import org.pot4j.testkit.TestAssets;
import org.pot4j.testkit.RandomSamples;

/**
 * The engine runs a model it knows only through the API (not an OnnxModel, no "onnx" format in the host): inference,
 * reductions in the graph, and another batch of a batch-1 export all through {@link SerializedModel}.
 */
class OrtSerializedModelTest {
    private static Model read(String relative) {
        return new OnnxModelFormat().read(ModelSource.of(TestAssets.require(relative)));
    }

    /** {@code onnx} as another class loader shows it: the API's Model with the SerializedModel it offers. */
    private static Model seenThroughTheApi(Model onnx) {
        return new SerializedOnlyModel(onnx.name(), onnx.graph(),
                onnx.extension(SerializedModel.class).orElseThrow());
    }

    private static Engine engine() {
        return new OrtEngineFactory().create(EngineSettings.cpu(Map.of("threads", 1)), new NoPluginsContext());
    }

    @Test
    void aModelKnownOnlyThroughTheApiRunsAndIsObservedInTheGraphAtAnyBatch() {
        Model onnx = read("onnx/mtcnn-caffe-transposed/optimaizer_rnet.onnx"); // exported at batch 1
        Model model = seenThroughTheApi(onnx);
        Node conv = model.graph().nodes().stream().filter(n -> n.kind().equals(OpKinds.CONVOLUTION)).findFirst()
                .orElseThrow();
        PortRef input = conv.input(0).orElseThrow();
        Set<Reduction> reductions = Set.of(Reduction.perTensor(Reduction.Kind.ABS_MAX),
                Reduction.perChannel(Reduction.Kind.MEAN, 1));
        Tensor one = new RandomSamples(1, 3, 24, 24).get(0).inputs().values().iterator().next()
                .reshape(org.pot4j.api.tensor.Shape.of(1, 3, 24, 24));
        Tensor two = Tensor.concatBatch(List.of(one, one));
        try (Engine direct = engine(); Engine viaApi = engine()) {
            direct.setModel(onnx);
            viaApi.setModel(model);
            Map<String, Tensor> want = direct.infer(Map.of("", one));
            Map<String, Tensor> got = viaApi.infer(Map.of("", one));
            assertEquals(want.keySet(), got.keySet());
            want.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), got.get(k).toFloatArray(), k));

            RecordingObserver observer = new RecordingObserver(Map.of(input, reductions));
            Map<String, Tensor> atTwo = viaApi.infer(Map.of("", two), observer);
            assertEquals(2, atTwo.values().iterator().next().shape().dim(0), "batch 2 through the symbolic copy");
            assertTrue(observer.wholeAt(input).isEmpty(), "reduced in the graph, not handed over whole");
            for (Reduction r : reductions) {
                Tensor reduced = observer.reducedAt(input, r).get(0);
                assertEquals(2, reduced.shape().dim(0), r + " " + reduced.shape());
                assertArrayEquals(HostReduction.of(r, two).toFloatArray(), reduced.toFloatArray(), 1e-6f,
                        r + " of the input");
            }
        }
    }

    @Test
    void withoutSerializedModelOrAnOnnxFormatTheModelIsRefusedSayingWhatIsMissing() {
        Model onnx = read("onnx/mtcnn/onet.onnx");
        Model bare = new SerializedOnlyModel(onnx.name(), onnx.graph(), null);
        try (Engine e = engine()) {
            EngineException ex = assertThrows(EngineException.class, () -> e.setModel(bare));
            assertTrue(ex.getMessage().contains("SerializedModel") && ex.getMessage().contains("'onnx' model format"),
                    ex.getMessage());
        }
    }
}
