package org.pot4j.accuracyaware;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.ModelEvaluator;
import org.pot4j.api.error.DataException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.core.graph.GraphModel;

/**
 * What the label-free mode compares on detection-like graphs: the inputs of DetectionOutput (not its sorted list,
 * nor the priors), found again in a quantized model behind a quantizer; NonMaxSuppression's inputs; plain outputs
 * otherwise. Scores are the NMSE of each compared tensor averaged over the tensors; DetectionOutput's
 * confidences are compared without the background class.
 */
class LabelFreeTargetsTest {
    private static final GraphModel FP32 = new GraphModel("ssd", DetectionGraphs.ssd(false));
    private static final GraphModel QUANTIZED = new GraphModel("ssd-int8", DetectionGraphs.ssd(true));

    @Test
    void anSsdIsComparedOnTheBoxRegressionsAndConfidencesFeedingDetectionOutput() {
        LabelFreeTargets t = LabelFreeTargets.of(FP32.graph());
        assertEquals(List.of(new LabelFreeTargets.Tap(DetectionGraphs.DETECTION_OUTPUT, "DetectionOutput", 0),
                new LabelFreeTargets.Tap(DetectionGraphs.DETECTION_OUTPUT, "DetectionOutput", 1, 2, 0)), t.taps(),
                "the priors (input 2) come from shapes alone and are left out; the detection list is not compared;"
                        + " 16 regressions are 4 priors, so the 8 confidences are 2 classes, background 0");
        assertTrue(t.postProcessed());
        assertEquals(List.of(DetectionGraphs.LOC, DetectionGraphs.CONF), t.ports(FP32.graph(), FP32.name()));
        assertEquals(List.of(DetectionGraphs.LOC, DetectionGraphs.CONF_FQ), t.ports(QUANTIZED.graph(),
                QUANTIZED.name()), "in a quantized model, what DetectionOutput reads: the quantizer's output");
    }

    @Test
    void nonMaxSuppressionIsComparedOnItsBoxesAndScoresAndOtherOutputsAsThemselves() {
        LabelFreeTargets t = LabelFreeTargets.of(DetectionGraphs.nonMaxSuppression());
        assertEquals(List.of(new LabelFreeTargets.Tap("nms", "NonMaxSuppression", 0),
                new LabelFreeTargets.Tap("nms", "NonMaxSuppression", 1),
                new LabelFreeTargets.Tap("raw_scores", "Result", 0)), t.taps(),
                "the gathered boxes are replaced by the suppression's inputs; its constant limits are left out");
        assertEquals(List.of(PortRef.of("boxes"), PortRef.of("scores"), PortRef.of("scores")),
                t.ports(DetectionGraphs.nonMaxSuppression(), "nms"));
    }

    @Test
    void aModelWithoutPostProcessingIsComparedOnItsOutputs() {
        LabelFreeTargets t = LabelFreeTargets.of(DetectionGraphs.twoOutputs());
        assertFalse(t.postProcessed());
        assertEquals(List.of(new LabelFreeTargets.Tap("out_a", "Result", 0),
                new LabelFreeTargets.Tap("out_b", "Result", 0)), t.taps());
    }

    @Test
    void theBackgroundConfidencesAreLeftOut() {
        LabelFreeTargets.Tap confidences = LabelFreeTargets.of(FP32.graph()).taps().get(1);
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.7f, 0.4f},
                confidences.select(new float[] {0.9f, 0.1f, 0.8f, 0.2f, 0.3f, 0.7f, 0.6f, 0.4f}));
        assertEquals("DetectionOutput 'detection_out' input 1 (without class 0 of 2)", confidences.toString());
    }

    @Test
    void aModelLackingThePostProcessingOpIsNamed() {
        LabelFreeTargets t = LabelFreeTargets.of(FP32.graph());
        DataException e = assertThrows(DataException.class, () -> t.ports(DetectionGraphs.twoOutputs(), "other"));
        assertEquals("label-free mode: model 'other' has no node 'detection_out' (DetectionOutput), whose input 0 the"
                + " FP32 model was compared on", e.getMessage());
    }

    @Test
    void theScorerObservesTheDetectionOutputInputsAndAveragesTheirNmse() {
        TableEvaluator evaluator = new TableEvaluator(2);
        float[] loc = {1, -2, 3, 0.5f, 1, 1, -1, 2, 0, 0, 1, 2, 3, 4, -4, 1};
        float[] conf = {0.9f, 0.1f, 0.8f, 0.2f, 0.3f, 0.7f, 0.6f, 0.4f};
        for (int s = 0; s < 2; s++) {
            evaluator.put(FP32, DetectionGraphs.LOC, s, loc);
            evaluator.put(FP32, DetectionGraphs.CONF, s, conf);
            evaluator.put(QUANTIZED, DetectionGraphs.LOC, s, scaled(loc, 1.1f));    // NMSE 0.01
            evaluator.put(QUANTIZED, DetectionGraphs.CONF_FQ, s, scaled(conf, 0.8f)); // NMSE 0.04
        }
        ReferenceScorer scorer = ReferenceScorer.create(FP32, evaluator, 0.6);
        assertFalse(scorer.classifier());
        assertEquals(Set.of(DetectionGraphs.LOC, DetectionGraphs.CONF), evaluator.observed.get(0));

        Scorer.Scores scores = scorer.score(QUANTIZED, new int[] {0, 1});
        assertEquals(Set.of(DetectionGraphs.LOC, DetectionGraphs.CONF_FQ), evaluator.observed.get(1));
        assertEquals(0.025, scores.averages().get(ReferenceScorer.NMSE), 1e-6, "(0.01 + 0.04) / 2");
        assertEquals(-0.025, scores.perSample().get(ReferenceScorer.NMSE).get(1), 1e-6);
        assertEquals(-0.025, scorer.rankingScore(QUANTIZED, new int[] {1}, ReferenceScorer.NMSE), 1e-6);
        assertEquals(0.0, scorer.score(FP32, new int[] {0, 1}).averages().get(ReferenceScorer.NMSE), "FP32: 0");
        assertEquals(0, evaluator.inferred, "the detection list (the model output) is never read");

        float[] backgroundOnly = conf.clone();
        for (int k = 0; k < backgroundOnly.length; k += 2) {
            backgroundOnly[k] = 0;
        }
        evaluator.put(QUANTIZED, DetectionGraphs.CONF_FQ, 0, backgroundOnly);
        assertEquals(0.005, scorer.score(QUANTIZED, new int[] {0}).averages().get(ReferenceScorer.NMSE), 1e-6,
                "(0.01 + 0) / 2: a change of the background column alone does not count");
    }

    @Test
    void outputsWithoutPostProcessingAreEachNormalisedThenAveraged() {
        GraphModel fp32 = new GraphModel("two", DetectionGraphs.twoOutputs());
        GraphModel other = new GraphModel("two-int8", DetectionGraphs.twoOutputs());
        TableEvaluator evaluator = new TableEvaluator(1);
        float[] a = {1, 2, 3, 4};
        float[] b = {100, 200, 300, 400};
        evaluator.put(fp32, PortRef.of("out_a"), 0, a);
        evaluator.put(fp32, PortRef.of("out_b"), 0, b);
        evaluator.put(other, PortRef.of("out_a"), 0, scaled(a, 0.8f)); // NMSE 0.04
        evaluator.put(other, PortRef.of("out_b"), 0, scaled(b, 1.1f)); // NMSE 0.01
        ReferenceScorer scorer = ReferenceScorer.create(fp32, evaluator, 0.6);
        assertEquals(0.025, scorer.score(other, new int[] {0}).averages().get(ReferenceScorer.NMSE), 1e-6,
                "each output counts alike; concatenated, the larger b would weigh 10^4 times more");
        assertTrue(evaluator.observed.isEmpty(), "model outputs are read as outputs");
    }

    private static float[] scaled(float[] v, float factor) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    /**
     * Serves per-sample values from a table: by model, port (or, for {@link #infer}, output name, kept under the
     * Result's name) and sample. Records the ports each {@link #observe} asked for.
     */
    private static final class TableEvaluator implements ModelEvaluator {
        private final int size;
        private final Map<Model, Map<PortRef, Map<Integer, float[]>>> table = new LinkedHashMap<>();
        final List<Set<PortRef>> observed = new ArrayList<>();
        int inferred;

        TableEvaluator(int size) {
            this.size = size;
        }

        void put(Model model, PortRef port, int sample, float[] values) {
            table.computeIfAbsent(model, m -> new LinkedHashMap<>()).computeIfAbsent(port, p -> new LinkedHashMap<>())
                    .put(sample, values);
        }

        private Tensor stacked(Model model, PortRef port, int[] samples) {
            Map<Integer, float[]> bySample = table.get(model).get(port);
            if (bySample == null) {
                throw new AssertionError("no value at " + port + " of " + model.name());
            }
            int per = bySample.get(samples[0]).length;
            float[] all = new float[samples.length * per];
            for (int s = 0; s < samples.length; s++) {
                System.arraycopy(bySample.get(samples[s]), 0, all, s * per, per);
            }
            return Tensor.ofFloats(all, samples.length, per);
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Map<String, MetricAttributes> metrics() {
            return Map.of();
        }

        @Override
        public Evaluation evaluate(Model model, int[] samples) {
            throw new AssertionError("label-free mode never evaluates a metric");
        }

        @Override
        public void infer(Model model, int[] samples, BatchOutputs outputs) {
            inferred++;
            Map<String, Tensor> batch = new LinkedHashMap<>();
            table.get(model).keySet().forEach(port -> batch.put(port.node(), stacked(model, port, samples)));
            outputs.accept(samples, batch);
        }

        @Override
        public void observe(Model model, int[] samples, Set<PortRef> ports, PortValues values) {
            observed.add(Set.copyOf(ports));
            Map<PortRef, Tensor> batch = new LinkedHashMap<>();
            ports.forEach(port -> batch.put(port, stacked(model, port, samples)));
            values.accept(samples, batch);
        }

        @Override
        public Model apply(Algorithm algorithm, Model model) {
            throw new AssertionError("not used");
        }
    }
}
