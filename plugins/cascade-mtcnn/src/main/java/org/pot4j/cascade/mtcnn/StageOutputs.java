package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.tensor.Tensor;

/**
 * The outputs of one MT-CNN stage found by what they hold rather than by name, since exports name them differently
 * ({@code prob}/{@code bbox_reg}/{@code landmarks} in facenet-pytorch's, {@code prob1}/{@code conv4-2}/{@code conv6-3}
 * in Caffe's): 4 channels on axis 1 is the box regression, 10 the landmarks, and the face probability is the
 * 2-channel output whose channels sum to 1, preferring names containing "prob" (Caffe's P-Net also outputs its raw
 * 2-channel scores).
 */
record StageOutputs(Tensor prob, Tensor regression, Tensor landmarks) {
    static StageOutputs of(String stage, Map<String, Tensor> outputs, boolean needLandmarks) {
        Tensor reg = null;
        Tensor points = null;
        for (Tensor t : outputs.values()) {
            long channels = t.shape().rank() < 2 ? -1 : t.shape().dim(1);
            if (channels == 4 && reg == null) {
                reg = t;
            } else if (channels == 10 && points == null) {
                points = t;
            }
        }
        Tensor prob = faceProbability(outputs);
        if (prob == null || reg == null || (needLandmarks && points == null)) {
            throw new EngineException("stage '" + stage + "' outputs " + describe(outputs) + " lack "
                    + (prob == null ? "a face probability (2 channels on axis 1)" : reg == null
                    ? "a box regression (4 channels on axis 1)" : "landmarks (10 channels on axis 1)"));
        }
        return new StageOutputs(prob, reg, points);
    }

    /**
     * The face probability among a stage's outputs (channel 1 of the result), or null when no output has 2 channels
     * on axis 1; shared with {@link FaceClassificationMetric} so the metric reads what the cascade reads.
     */
    static Tensor faceProbability(Map<String, Tensor> outputs) {
        List<Map.Entry<String, Tensor>> twoChannel = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
            Tensor t = e.getValue();
            if (t.shape().rank() >= 2 && t.shape().dim(1) == 2) {
                boolean named = e.getKey().toLowerCase(Locale.ROOT).contains("prob");
                twoChannel.add(named ? 0 : twoChannel.size(), e);
            }
        }
        return probability(twoChannel);
    }

    /**
     * The first 2-channel output (those named "prob" first) whose two channels sum to 1; failing that, the softmax
     * of the first one. The Caffe P-Net export needs this: its {@code prob1} is an opset-11 Softmax over axis 1 of a
     * 4-D tensor, which ONNX defines over channels and space together, so only its raw scores {@code conv4-1} are
     * usable.
     */
    private static Tensor probability(List<Map.Entry<String, Tensor>> candidates) {
        for (Map.Entry<String, Tensor> e : candidates) {
            if (sumsToOne(e.getValue())) {
                return e.getValue();
            }
        }
        return candidates.isEmpty() ? null : softmaxOverChannels(candidates.get(candidates.size() - 1).getValue());
    }

    private static boolean sumsToOne(Tensor t) {
        float[] v = t.toFloatArray();
        int rows = (int) t.shape().dim(0);
        int inner = v.length / Math.max(1, rows * 2);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inner; i += Math.max(1, inner / 16)) {
                float a = v[(r * 2) * inner + i];
                float b = v[(r * 2 + 1) * inner + i];
                if (a < 0 || b < 0 || Math.abs(a + b - 1f) > 1e-3f) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Tensor softmaxOverChannels(Tensor t) {
        float[] v = t.toFloatArray();
        int rows = (int) t.shape().dim(0);
        int inner = v.length / Math.max(1, rows * 2);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inner; i++) {
                int a = (r * 2) * inner + i;
                int b = a + inner;
                float m = Math.max(v[a], v[b]);
                double ea = Math.exp(v[a] - m);
                double eb = Math.exp(v[b] - m);
                v[a] = (float) (ea / (ea + eb));
                v[b] = (float) (eb / (ea + eb));
            }
        }
        return Tensor.ofFloats(t.shape(), v);
    }

    /** Output names with their shapes, for messages. */
    static String describe(Map<String, Tensor> outputs) {
        StringBuilder b = new StringBuilder("{");
        outputs.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(v.shape()));
        return b.append('}').toString();
    }
}
