package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.IntStream;
import org.pot4j.api.algorithm.ModelEvaluator;
import org.pot4j.api.error.DataException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.metric.MetricAttributes;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * The label-free mode (spec §3.1, §3.4): the FP32 model's own outputs are the reference. A classifier (one output of
 * C > 1 scores per sample) keeps the samples whose FP32 confidence (the scores when all lie in [0, 1], else their
 * softmax) is above {@code annotation_conf_threshold} (strict), with the FP32 argmax as pseudo-label; its metric is
 * {@value #AGREEMENT}, the share of kept samples whose argmax equals the pseudo-label (FP32: 1.0). Any other model
 * keeps every sample and is scored by {@value #NMSE}: per sample, the NMSE |u - v|^2 / |u|^2 of each compared tensor,
 * averaged over the tensors (so that each counts alike, whatever its size and scale), then averaged over samples
 * (FP32: 0.0; higher is worse). The compared tensors are the model outputs, except that an output computed by a
 * post-processing op such as DetectionOutput is replaced by that op's data inputs ({@link LabelFreeTargets}: for
 * DetectionOutput its box regressions and its class confidences without the background class), which
 * are read inside the model through {@link ModelEvaluator#observe} (the model is not changed). The ranking subset and
 * the group scores use the per-sample distance to the FP32 tensors (cosine for classifiers, NMSE otherwise), so no
 * per-sample labels are needed.
 */
final class ReferenceScorer implements Scorer {
    /** The label-free metric of classifiers. */
    static final String AGREEMENT = "top1_agreement";
    /** The label-free metric of other models. */
    static final String NMSE = "output_nmse";

    private final ModelEvaluator evaluator;
    private final boolean classifier;
    private final LabelFreeTargets targets;
    private final int[] samples;
    /** Per sample, the FP32 value of each compared tensor (classifiers: their one output). */
    private final Map<Integer, float[][]> reference;
    private final Map<Integer, Integer> labels = new HashMap<>();

    private ReferenceScorer(ModelEvaluator evaluator, boolean classifier, LabelFreeTargets targets, int[] samples,
                            Map<Integer, float[][]> reference) {
        this.evaluator = evaluator;
        this.classifier = classifier;
        this.targets = targets;
        this.samples = samples;
        this.reference = reference;
        if (classifier) {
            reference.forEach((i, u) -> labels.put(i, argmax(u[0])));
        }
    }

    /** Runs the FP32 model once on every sample and keeps the compared tensors as the reference. */
    static ReferenceScorer create(Model fp32, ModelEvaluator evaluator, double threshold) {
        int[] all = IntStream.range(0, evaluator.size()).toArray();
        boolean classifier = isClassifier(fp32);
        LabelFreeTargets targets = classifier ? new LabelFreeTargets(List.of()) : LabelFreeTargets.of(fp32.graph());
        Map<Integer, float[][]> tensors = tensors(evaluator, targets, fp32, all);
        if (!classifier) {
            return new ReferenceScorer(evaluator, false, targets, all, tensors);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i : all) {
            if (confidence(tensors.get(i)[0]) > threshold) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            throw new DataException("label-free mode: no sample has an FP32 confidence above annotation_conf_threshold "
                    + threshold + "; lower it");
        }
        Map<Integer, float[][]> keptTensors = new HashMap<>();
        kept.forEach(i -> keptTensors.put(i, tensors.get(i)));
        return new ReferenceScorer(evaluator, true, targets, kept.stream().mapToInt(Integer::intValue).toArray(),
                keptTensors);
    }

    /** {@return true when the model was taken for a classifier (top-1 agreement) rather than scored by NMSE} */
    boolean classifier() {
        return classifier;
    }

    /** {@return what is compared: the model outputs, or the inputs of its post-processing ops (empty: classifier)} */
    LabelFreeTargets targets() {
        return targets;
    }

    @Override
    public Map<String, MetricAttributes> metrics() {
        return classifier ? Map.of(AGREEMENT, MetricAttributes.higherBetter("accuracy"))
                : Map.of(NMSE, MetricAttributes.higherWorse("nmse"));
    }

    @Override
    public int[] samples() {
        return samples.clone();
    }

    @Override
    public Scores score(Model model, int[] subset) {
        Map<Integer, float[][]> tensors = tensors(evaluator, targets, model, subset);
        List<Double> perSample = new ArrayList<>(subset.length);
        double sum = 0;
        for (int i : subset) {
            float[][] u = reference.get(i);
            float[][] v = tensors.get(i);
            double d = distance(u, v, i);
            perSample.add(-d);
            sum += classifier ? (argmax(v[0]) == labels.get(i) ? 1 : 0) : d;
        }
        String name = classifier ? AGREEMENT : NMSE;
        return new Scores(Map.of(name, sum / subset.length), Map.of(name, perSample));
    }

    @Override
    public double rankingScore(Model model, int[] subset, String metric) {
        Map<Integer, float[][]> tensors = tensors(evaluator, targets, model, subset);
        double sum = 0;
        for (int i : subset) {
            sum += distance(reference.get(i), tensors.get(i), i);
        }
        return -sum / subset.length;
    }

    /** Cosine distance for classifiers; otherwise the NMSE of each compared tensor, averaged over the tensors. */
    private double distance(float[][] u, float[][] v, int sample) {
        if (classifier) {
            return cosine(u[0], v[0]);
        }
        if (u.length != v.length) {
            throw new DataException("label-free mode, sample " + sample + ": the model gives " + v.length
                    + " compared tensors where the FP32 model gives " + u.length);
        }
        double sum = 0;
        for (int t = 0; t < u.length; t++) {
            if (u[t].length != v[t].length) {
                throw new DataException("label-free mode, sample " + sample + ": " + name(t) + " holds "
                        + v[t].length + " values where the FP32 model's holds " + u[t].length);
            }
            sum += nmse(u[t], v[t]);
        }
        return sum / u.length;
    }

    private String name(int tensor) {
        return targets.taps().isEmpty() || !targets.postProcessed() ? "output " + tensor + " (outputs by name)"
                : String.valueOf(targets.taps().get(tensor));
    }

    /**
     * The compared tensors of {@code model} per sample: its outputs by name (classifiers, and models without
     * post-processing), else the values at the targets' taps, one array per tap.
     */
    static Map<Integer, float[][]> tensors(ModelEvaluator evaluator, LabelFreeTargets targets, Model model,
                                           int[] samples) {
        if (!targets.postProcessed()) {
            return outputs(evaluator, model, samples);
        }
        List<PortRef> ports = targets.ports(model.graph(), model.name());
        List<String> names = targets.taps().stream().map(String::valueOf).toList();
        Map<Integer, float[][]> out = new HashMap<>();
        evaluator.observe(model, samples, new LinkedHashSet<>(ports), (indices, values) -> {
            List<float[]> parts = new ArrayList<>();
            for (PortRef p : ports) {
                parts.add(values.get(p).toFloatArray());
            }
            Map<Integer, float[][]> batch = new HashMap<>();
            split(indices, names, parts, batch);
            batch.forEach((sample, tensors) -> {
                for (int t = 0; t < tensors.length; t++) {
                    tensors[t] = targets.taps().get(t).select(tensors[t]);
                }
                out.put(sample, tensors);
            });
        });
        return out;
    }

    /** The outputs of {@code model} per sample: one array per output, outputs ordered by name. */
    static Map<Integer, float[][]> outputs(ModelEvaluator evaluator, Model model, int[] samples) {
        Map<Integer, float[][]> out = new HashMap<>();
        evaluator.infer(model, samples, (indices, batch) -> {
            List<String> names = new ArrayList<>();
            List<float[]> parts = new ArrayList<>();
            for (Map.Entry<String, Tensor> e : new TreeMap<>(batch).entrySet()) {
                names.add("output '" + e.getKey() + "' " + e.getValue().shape());
                parts.add(e.getValue().toFloatArray());
            }
            split(indices, names, parts, out);
        });
        return out;
    }

    /** Splits a batch's tensors (batch on axis 0) into per-sample arrays. */
    private static void split(int[] samples, List<String> names, List<float[]> values, Map<Integer, float[][]> into) {
        int n = samples.length;
        for (int t = 0; t < values.size(); t++) {
            if (values.get(t).length % n != 0) {
                throw new DataException("label-free mode: " + names.get(t) + " holds " + values.get(t).length
                        + " values, which do not split into " + n + " samples");
            }
        }
        for (int s = 0; s < n; s++) {
            float[][] sample = new float[values.size()][];
            for (int t = 0; t < values.size(); t++) {
                int size = values.get(t).length / n;
                sample[t] = Arrays.copyOfRange(values.get(t), s * size, (s + 1) * size);
            }
            into.put(samples[s], sample);
        }
    }

    /**
     * A classifier has one output whose shape, after the batch axis, has exactly one axis longer than 1 (scores
     * {@code [N, C]} or {@code [N, C, 1, 1]}); a detection output {@code [1, 1, 200, 7]} is not one.
     */
    static boolean isClassifier(Model model) {
        List<Node> results = model.graph().results();
        if (results.size() != 1) {
            return false;
        }
        Node result = results.get(0);
        Optional<PortRef> source = result.input(0);
        if (source.isEmpty()) {
            return false;
        }
        Shape shape = model.graph().outputPort(source.get()).shape();
        if (shape.rank() < 2) {
            return false;
        }
        int longer = 0;
        for (int axis = 1; axis < shape.rank(); axis++) {
            if (shape.dim(axis) == Shape.DYNAMIC) {
                return false;
            }
            if (shape.dim(axis) > 1) {
                longer++;
            }
        }
        return longer == 1;
    }

    static double confidence(float[] scores) {
        boolean probabilities = true;
        for (float s : scores) {
            if (!(s >= 0 && s <= 1)) {
                probabilities = false;
                break;
            }
        }
        float max = scores[argmax(scores)];
        if (probabilities) {
            return max;
        }
        double sum = 0;
        for (float s : scores) {
            sum += Math.exp(s - max);
        }
        return 1 / sum;
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static double cosine(float[] u, float[] v) {
        double uv = 0;
        double uu = 0;
        double vv = 0;
        for (int i = 0; i < u.length; i++) {
            uv += (double) u[i] * v[i];
            uu += (double) u[i] * u[i];
            vv += (double) v[i] * v[i];
        }
        double norm = Math.sqrt(uu) * Math.sqrt(vv);
        return norm == 0 ? (uu == vv ? 0 : 1) : 1 - uv / norm;
    }

    static double nmse(float[] u, float[] v) {
        double err = 0;
        double uu = 0;
        for (int i = 0; i < u.length; i++) {
            double d = (double) u[i] - v[i];
            err += d * d;
            uu += (double) u[i] * u[i];
        }
        return uu == 0 ? err : err / uu;
    }
}
