package org.pot4j.quantization.placement;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pot4j.api.graph.Graph;
import org.pot4j.api.graph.InputRef;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.ModelSource;
import org.pot4j.core.hardware.HardwareConfigs;
import org.pot4j.ir.IrModelFormat;
import org.pot4j.testkit.TestAssets;

/**
 * Places activation quantizers on Intel's FP16 models for target ANY and compares the (consumer layer, input port,
 * levels) triples with those of Intel's own FP16-INT8 copies, made by OpenVINO's post-training tooling.
 */
class IntelPlacementComparisonTest {
    @ParameterizedTest
    @ValueSource(strings = {"face-detection-adas-0001", "landmarks-regression-retail-0009", "gaze-estimation-adas-0002"})
    void activationQuantizersSitWhereIntelPutsThem(String model) {
        assertTrue(agreement(model) >= 0.95, model);
    }

    /**
     * Intel's head-pose-estimation-adas-0001 INT8 leaves four ops in FP32 that the default placement quantizes (two of
     * three convolutions behind a BatchNorm scale-shift, two of three fully connected heads), a pattern of layers
     * reverted by accuracy-aware tuning rather than of placement rules; the agreement is reported, not asserted at 95 %.
     */
    @org.junit.jupiter.api.Test
    void headPoseDiffersOnlyByLayersIntelKeptInFp32() {
        assertTrue(agreement("head-pose-estimation-adas-0001") >= 0.70);
    }

    private static double agreement(String model) {
        Path fp16 = TestAssets.require("ir/" + model + "/FP16/" + model + ".xml");
        Path int8 = TestAssets.require("ir/" + model + "/FP16-INT8/" + model + ".xml");
        IrModelFormat format = new IrModelFormat();
        Set<String> ours = placed(format.read(ModelSource.of(fp16)).graph());
        Set<String> intel = intelPairs(format.read(ModelSource.of(int8)).graph());
        Set<String> common = new TreeSet<>(ours);
        common.retainAll(intel);
        Set<String> onlyOurs = new TreeSet<>(ours);
        onlyOurs.removeAll(intel);
        Set<String> onlyIntel = new TreeSet<>(intel);
        onlyIntel.removeAll(ours);
        int union = common.size() + onlyOurs.size() + onlyIntel.size();
        double agreement = union == 0 ? 1 : (double) common.size() / union;
        System.out.printf("%s: %d pairs agree, %d only ours %s, %d only Intel's %s: %.1f %%%n", model, common.size(),
                onlyOurs.size(), onlyOurs, onlyIntel.size(), onlyIntel, 100 * agreement);
        return agreement;
    }

    private static Set<String> placed(Graph graph) {
        List<QuantizerSite> sites = FakeQuantizePlacer.place(new GraphFacts(graph),
                HardwareOps.of(HardwareConfigs.forTargetDevice("ANY")), IgnoredScope.NONE, true);
        Set<String> pairs = new TreeSet<>();
        for (QuantizerSite s : sites) {
            if (s.group() == QuantizerGroup.ACTIVATIONS) {
                for (InputRef c : s.consumers()) {
                    pairs.add(c.node() + ":" + c.port() + "@256");
                }
            }
        }
        return pairs;
    }

    /** (consumer, port, levels) of every activation FakeQuantize (one whose data input is not a constant). */
    private static Set<String> intelPairs(Graph graph) {
        GraphFacts facts = new GraphFacts(graph);
        Set<String> pairs = new TreeSet<>();
        for (Node n : graph.nodes()) {
            if (!OpKinds.FAKE_QUANTIZE.equals(n.kind()) || facts.isConstant(n.input(0).get().node())) {
                continue;
            }
            long levels = n.attributes().longValue("levels", 0);
            for (InputRef c : graph.consumers(new PortRef(n.name(), 0))) {
                pairs.add(c.node() + ":" + c.port() + "@" + levels);
            }
        }
        return pairs;
    }
}
