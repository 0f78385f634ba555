package org.pot4j.cascade.mtcnn;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.error.DataException;
import org.pot4j.api.tensor.Tensor;

/**
 * Reads boxes {@code (x1, y1, x2, y2)} in image pixels from an annotation or an output: a tensor {@code [N, >=4]}
 * (such as the cascade's own {@code boxes}), or a list whose elements are lists of at least 4 numbers,
 * {@code float[]} or {@code double[]}.
 */
final class BoxAnnotations {
    private BoxAnnotations() {
    }

    /** @throws DataException describing the annotation when it holds no boxes in a known form */
    static List<float[]> read(Object annotation, String what) {
        if (annotation == null) {
            throw new DataException(what + " has no annotation; detection metrics need a list of boxes [x1, y1, x2, y2]");
        }
        if (annotation instanceof Tensor t) {
            return fromTensor(t, what);
        }
        if (!(annotation instanceof List<?> list)) {
            throw new DataException(what + ": annotation " + annotation.getClass().getSimpleName() + " is not a list of "
                    + "boxes [x1, y1, x2, y2] nor a tensor [N,4]");
        }
        List<float[]> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(box(list.get(i), what + " box " + i));
        }
        return out;
    }

    private static List<float[]> fromTensor(Tensor t, String what) {
        if (t.shape().rank() != 2 || t.shape().dim(1) < 4) {
            throw new DataException(what + ": boxes tensor of shape " + t.shape() + " is not [N, >=4]");
        }
        int n = (int) t.shape().dim(0);
        int cols = (int) t.shape().dim(1);
        float[] v = t.toFloatArray();
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new float[] {v[i * cols], v[i * cols + 1], v[i * cols + 2], v[i * cols + 3]});
        }
        return out;
    }

    private static float[] box(Object o, String what) {
        float[] b = new float[4];
        if (o instanceof float[] f && f.length >= 4) {
            System.arraycopy(f, 0, b, 0, 4);
        } else if (o instanceof double[] d && d.length >= 4) {
            for (int k = 0; k < 4; k++) {
                b[k] = (float) d[k];
            }
        } else if (o instanceof List<?> l && l.size() >= 4) {
            for (int k = 0; k < 4; k++) {
                if (!(l.get(k) instanceof Number n)) {
                    throw new DataException(what + ": coordinate " + k + " is not a number: " + l.get(k));
                }
                b[k] = n.floatValue();
            }
        } else {
            throw new DataException(what + " is not [x1, y1, x2, y2]: " + o);
        }
        if (!(b[2] >= b[0] && b[3] >= b[1])) {
            throw new DataException(what + " has x2 < x1 or y2 < y1: " + java.util.Arrays.toString(b));
        }
        return b;
    }

    /** Intersection over union of two boxes with sides {@code x2 - x1}. */
    static float iou(float[] a, float[] b) {
        float iw = Math.max(0f, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        float ih = Math.max(0f, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        float inter = iw * ih;
        float union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0f : inter / union;
    }

    /**
     * Greedy one-to-one matching: each detection, in the given order (best score first), takes the unmatched
     * reference box it overlaps most, when that IoU is at least {@code minIou}.
     *
     * @return the number of matched pairs
     */
    static int matches(List<float[]> detections, List<float[]> references, float minIou) {
        boolean[] taken = new boolean[references.size()];
        int matched = 0;
        for (float[] d : detections) {
            int best = -1;
            float bestIou = minIou;
            for (int r = 0; r < references.size(); r++) {
                if (!taken[r]) {
                    float iou = iou(d, references.get(r));
                    if (iou >= bestIou) {
                        bestIou = iou;
                        best = r;
                    }
                }
            }
            if (best >= 0) {
                taken[best] = true;
                matched++;
            }
        }
        return matched;
    }
}
