package org.pot4j.engine.reference.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * DetectionOutput-1/-8 (Caffe SSD): decode box offsets against priors, per class keep scores above
 * {@code confidence_threshold}, take {@code top_k}, greedy NMS at {@code nms_threshold}, then keep the
 * {@code keep_top_k} best over all classes. Output [1, 1, N*keep_top_k, 7] rows
 * {@code (image, label, score, xmin, ymin, xmax, ymax)}, by image, then label, then score; the row after the last
 * detection has image id -1. The ARM inputs (5-input form) are not supported.
 */
final class DetectionOutputKernel implements OpKernel {
    private final int numClassesAttr;
    private final int backgroundLabel;
    private final int topK;
    private final int keepTopK;
    private final boolean varianceEncoded;
    private final String codeType;
    private final boolean shareLocation;
    private final float nmsThreshold;
    private final float confidenceThreshold;
    private final boolean clipBeforeNms;
    private final boolean clipAfterNms;
    private final boolean normalized;
    private final float inputHeight;
    private final float inputWidth;
    private final float eta;

    private DetectionOutputKernel(Node node) {
        NodeAttributes a = new NodeAttributes(node);
        numClassesAttr = (int) a.longValue("num_classes", -1);
        backgroundLabel = (int) a.longValue("background_label_id", 0);
        topK = (int) a.longValue("top_k", -1);
        long[] keep = a.longs("keep_top_k", new long[] {-1});
        keepTopK = keep.length == 0 ? -1 : (int) keep[0];
        varianceEncoded = a.bool("variance_encoded_in_target", false);
        String ct = a.string("code_type", "caffe.priorboxparameter.corner");
        codeType = ct.substring(ct.lastIndexOf('.') + 1);
        if (!codeType.equals("corner") && !codeType.equals("center_size") && !codeType.equals("corner_size")) {
            throw new IllegalArgumentException("unsupported code_type '" + ct + "'");
        }
        shareLocation = a.bool("share_location", true);
        nmsThreshold = (float) a.doubleValue("nms_threshold", 0.3);
        confidenceThreshold = (float) a.doubleValue("confidence_threshold", 0);
        clipBeforeNms = a.bool("clip_before_nms", false);
        clipAfterNms = a.bool("clip_after_nms", false);
        normalized = a.bool("normalized", true);
        inputHeight = (float) a.doubleValue("input_height", 1);
        inputWidth = (float) a.doubleValue("input_width", 1);
        eta = (float) a.doubleValue("eta", 1);
        if (a.bool("decrease_label_id", false)) {
            throw new IllegalArgumentException("decrease_label_id=true (MXNet NMS) is not supported");
        }
        if (node.inputCount() > 3) {
            throw new IllegalArgumentException("the 5-input DetectionOutput (ARM confidences and locations) is not supported");
        }
    }

    static KernelFactory factory() {
        return (node, cc) -> new DetectionOutputKernel(node);
    }

    private static final class Detection {
        final int label;
        final int prior;
        final float score;

        Detection(int label, int prior, float score) {
            this.label = label;
            this.prior = prior;
            this.score = score;
        }
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        float[] loc = in[0].floats();
        float[] conf = in[1].floats();
        Value proposals = in[2];
        float[] pr = proposals.floats();
        int batch = in[0].dim(0);
        int priorSize = normalized ? 4 : 5;
        int numPriors = proposals.dim(proposals.rank() - 1) / priorSize;
        int numClasses = numClassesAttr > 0 ? numClassesAttr : in[1].size() / batch / numPriors;
        int locClasses = shareLocation ? 1 : numClasses;
        int priorBatches = proposals.dim(0);
        boolean variancesInProposals = !varianceEncoded && proposals.rank() >= 2 && proposals.dim(proposals.rank() - 2) == 2;
        int keep = keepTopK > 0 ? keepTopK : topK > 0 ? topK * numClasses : numPriors * numClasses;
        float[] out = new float[batch * keep * 7];
        int row = 0;
        for (int n = 0; n < batch; n++) {
            int pOff = (priorBatches == 1 ? 0 : n) * (variancesInProposals ? 2 : 1) * numPriors * priorSize;
            float[][] decoded = new float[locClasses][];
            for (int lc = 0; lc < locClasses; lc++) {
                decoded[lc] = decode(loc, n, lc, locClasses, numPriors, pr, pOff, variancesInProposals, priorSize);
            }
            List<Detection> all = new ArrayList<>();
            for (int c = 0; c < numClasses; c++) {
                if (c == backgroundLabel) {
                    continue;
                }
                float[] boxes = decoded[shareLocation ? 0 : c];
                List<Detection> cand = new ArrayList<>();
                for (int p = 0; p < numPriors; p++) {
                    float s = conf[(n * numPriors + p) * numClasses + c];
                    if (s > confidenceThreshold) {
                        cand.add(new Detection(c, p, s));
                    }
                }
                cand.sort(Comparator.comparingDouble((Detection d) -> -d.score));
                if (topK > -1 && cand.size() > topK) {
                    cand = new ArrayList<>(cand.subList(0, topK));
                }
                List<Detection> kept = new ArrayList<>();
                float threshold = nmsThreshold;
                for (Detection d : cand) {
                    boolean ok = true;
                    for (Detection k : kept) {
                        if (iou(boxes, d.prior, k.prior) > threshold) {
                            ok = false;
                            break;
                        }
                    }
                    if (ok) {
                        kept.add(d);
                        if (eta < 1 && threshold > 0.5f) {
                            threshold *= eta;
                        }
                    }
                }
                all.addAll(kept);
            }
            if (keepTopK > -1 && all.size() > keepTopK) {
                List<Detection> sorted = new ArrayList<>(all);
                sorted.sort(Comparator.comparingDouble((Detection d) -> -d.score));
                List<Detection> best = sorted.subList(0, keepTopK);
                List<Detection> ordered = new ArrayList<>();
                for (Detection d : all) {
                    if (best.contains(d)) {
                        ordered.add(d);
                    }
                }
                all = ordered;
            }
            for (Detection d : all) {
                float[] boxes = decoded[shareLocation ? 0 : d.label];
                int o = row * 7;
                out[o] = n;
                out[o + 1] = d.label;
                out[o + 2] = d.score;
                for (int j = 0; j < 4; j++) {
                    float v = boxes[d.prior * 4 + j];
                    out[o + 3 + j] = clipAfterNms ? Math.min(Math.max(v, 0f), 1f) : v;
                }
                row++;
            }
        }
        if (row < batch * keep) {
            out[row * 7] = -1;
        }
        return new Value[] {Value.ofFloats(new int[] {1, 1, batch * keep, 7}, out)};
    }

    private float[] decode(float[] loc, int n, int lc, int locClasses, int numPriors, float[] pr, int pOff,
                           boolean variancesInProposals, int priorSize) {
        float[] out = new float[numPriors * 4];
        int varOff = pOff + numPriors * priorSize;
        for (int p = 0; p < numPriors; p++) {
            int b = pOff + p * priorSize + (priorSize - 4);
            float pxmin = pr[b];
            float pymin = pr[b + 1];
            float pxmax = pr[b + 2];
            float pymax = pr[b + 3];
            if (!normalized) {
                pxmin /= inputWidth;
                pymin /= inputHeight;
                pxmax /= inputWidth;
                pymax /= inputHeight;
            }
            float[] v = {1, 1, 1, 1};
            if (variancesInProposals) {
                for (int j = 0; j < 4; j++) {
                    v[j] = pr[varOff + p * 4 + j];
                }
            }
            int l = ((n * numPriors + p) * locClasses + lc) * 4;
            float l0 = loc[l];
            float l1 = loc[l + 1];
            float l2 = loc[l + 2];
            float l3 = loc[l + 3];
            float xmin;
            float ymin;
            float xmax;
            float ymax;
            float pw = pxmax - pxmin;
            float ph = pymax - pymin;
            switch (codeType) {
                case "corner":
                    xmin = pxmin + v[0] * l0;
                    ymin = pymin + v[1] * l1;
                    xmax = pxmax + v[2] * l2;
                    ymax = pymax + v[3] * l3;
                    break;
                case "corner_size":
                    xmin = pxmin + v[0] * l0 * pw;
                    ymin = pymin + v[1] * l1 * ph;
                    xmax = pxmax + v[2] * l2 * pw;
                    ymax = pymax + v[3] * l3 * ph;
                    break;
                default: {
                    float pcx = (pxmin + pxmax) / 2;
                    float pcy = (pymin + pymax) / 2;
                    float cx = v[0] * l0 * pw + pcx;
                    float cy = v[1] * l1 * ph + pcy;
                    float w = (float) Math.exp(v[2] * l2) * pw;
                    float h = (float) Math.exp(v[3] * l3) * ph;
                    xmin = cx - w / 2;
                    ymin = cy - h / 2;
                    xmax = cx + w / 2;
                    ymax = cy + h / 2;
                    break;
                }
            }
            if (clipBeforeNms) {
                xmin = Math.min(Math.max(xmin, 0f), 1f);
                ymin = Math.min(Math.max(ymin, 0f), 1f);
                xmax = Math.min(Math.max(xmax, 0f), 1f);
                ymax = Math.min(Math.max(ymax, 0f), 1f);
            }
            out[p * 4] = xmin;
            out[p * 4 + 1] = ymin;
            out[p * 4 + 2] = xmax;
            out[p * 4 + 3] = ymax;
        }
        return out;
    }

    private static float iou(float[] b, int i, int j) {
        float ax0 = b[i * 4];
        float ay0 = b[i * 4 + 1];
        float ax1 = b[i * 4 + 2];
        float ay1 = b[i * 4 + 3];
        float bx0 = b[j * 4];
        float by0 = b[j * 4 + 1];
        float bx1 = b[j * 4 + 2];
        float by1 = b[j * 4 + 3];
        if (bx0 > ax1 || bx1 < ax0 || by0 > ay1 || by1 < ay0) {
            return 0f;
        }
        float iw = Math.min(ax1, bx1) - Math.max(ax0, bx0);
        float ih = Math.min(ay1, by1) - Math.max(ay0, by0);
        float inter = iw * ih;
        float areaA = Math.max(0, ax1 - ax0) * Math.max(0, ay1 - ay0);
        float areaB = Math.max(0, bx1 - bx0) * Math.max(0, by1 - by0);
        float union = areaA + areaB - inter;
        return union <= 0 ? 0f : inter / union;
    }
}
