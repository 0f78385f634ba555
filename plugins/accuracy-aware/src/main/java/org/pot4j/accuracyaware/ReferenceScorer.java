package org.pot4j.accuracyaware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.pot4j.api.algorithm.ModelEvaluator;
import java.util.Optional;
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
 * keeps every sample and is scored by {@value #NMSE}, the mean over samples of |u - v|^2 / |u|^2 over all its
 * outputs (FP32: 0.0; higher is worse). The ranking subset and the group scores use the per-sample distance to the
 * FP32 outputs (cosine for classifiers, NMSE otherwise), so no per-sample labels are needed.
 */
final class ReferenceScorer implements Scorer {
    /** The label-free metric of classifiers. */
    static final String AGREEMENT = "top1_agreement";
    /** The label-free metric of other models. */
    static final String NMSE = "output_nmse";

    private final ModelEvaluator evaluator;
    private final boolean classifier;
    private final int[] samples;
    private final Map<Integer, float[]> reference;
    private final Map<Integer, Integer> labels = new HashMap<>();

    private ReferenceScorer(ModelEvaluator evaluator, boolean classifier, int[] samples, Map<Integer, float[]> reference) {
        this.evaluator = evaluator;
        this.classifier = classifier;
        this.samples = samples;
        this.reference = reference;
        if (classifier) {
            reference.forEach((i, u) -> labels.put(i, argmax(u)));
        }
    }

    /** Runs the FP32 model once on every sample and keeps its outputs as the reference. */
    static ReferenceScorer create(Model fp32, ModelEvaluator evaluator, double threshold) {
        int[] all = IntStream.range(0, evaluator.size()).toArray();
        Map<Integer, float[]> outputs = outputs(evaluator, fp32, all);
        boolean classifier = isClassifier(fp32);
        if (!classifier) {
            return new ReferenceScorer(evaluator, false, all, outputs);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i : all) {
            if (confidence(outputs.get(i)) > threshold) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            throw new DataException("label-free mode: no sample has an FP32 confidence above annotation_conf_threshold "
                    + threshold + "; lower it");
        }
        Map<Integer, float[]> keptOutputs = new HashMap<>();
        kept.forEach(i -> keptOutputs.put(i, outputs.get(i)));
        return new ReferenceScorer(evaluator, true, kept.stream().mapToInt(Integer::intValue).toArray(), keptOutputs);
    }

    /** {@return true when the model was taken for a classifier (top-1 agreement) rather than scored by NMSE} */
    boolean classifier() {
        return classifier;
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
        Map<Integer, float[]> outputs = outputs(evaluator, model, subset);
        List<Double> perSample = new ArrayList<>(subset.length);
        double sum = 0;
        for (int i : subset) {
            float[] u = reference.get(i);
            float[] v = outputs.get(i);
            perSample.add(-distance(u, v));
            sum += classifier ? (argmax(v) == labels.get(i) ? 1 : 0) : nmse(u, v);
        }
        String name = classifier ? AGREEMENT : NMSE;
        return new Scores(Map.of(name, sum / subset.length), Map.of(name, perSample));
    }

    @Override
    public double rankingScore(Model model, int[] subset, String metric) {
        Map<Integer, float[]> outputs = outputs(evaluator, model, subset);
        double sum = 0;
        for (int i : subset) {
            sum += distance(reference.get(i), outputs.get(i));
        }
        return -sum / subset.length;
    }

    /** Cosine distance for classifiers, NMSE otherwise. */
    private double distance(float[] u, float[] v) {
        return classifier ? cosine(u, v) : nmse(u, v);
    }

    /** The outputs of {@code model} per sample: every output, by name, flattened one after the other. */
    static Map<Integer, float[]> outputs(ModelEvaluator evaluator, Model model, int[] samples) {
        Map<Integer, float[]> out = new HashMap<>();
        evaluator.infer(model, samples, (indices, batch) -> {
            int n = indices.length;
            List<float[]> parts = new ArrayList<>();
            int per = 0;
            for (Map.Entry<String, Tensor> e : new TreeMap<>(batch).entrySet()) {
                float[] values = e.getValue().toFloatArray();
                if (values.length % n != 0) {
                    throw new DataException("output '" + e.getKey() + "' " + e.getValue().shape()
                            + " does not split into " + n + " samples");
                }
                parts.add(values);
                per += values.length / n;
            }
            for (int s = 0; s < n; s++) {
                float[] sample = new float[per];
                int at = 0;
                for (float[] values : parts) {
                    int size = values.length / n;
                    System.arraycopy(values, s * size, sample, at, size);
                    at += size;
                }
                out.put(indices[s], sample);
            }
        });
        return out;
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
