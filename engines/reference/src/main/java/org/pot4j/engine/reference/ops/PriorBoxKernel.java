package org.pot4j.engine.reference.ops;

import java.util.ArrayList;
import java.util.List;
import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * PriorBox-1 (Caffe SSD priors): per feature-map cell and per min size, the min box, the sqrt(min*max) box and one
 * box per extra aspect ratio (flipped when {@code flip}); output [2, 4*H*W*priors] = boxes then variances.
 * {@code fixed_size}/{@code density} priors are not implemented (rejected at compile time).
 */
final class PriorBoxKernel implements OpKernel {
    private final float[] minSizes;
    private final float[] maxSizes;
    private final List<Float> aspectRatios = new ArrayList<>();
    private final boolean clip;
    private final float step;
    private final float offset;
    private final float[] variance;
    private final boolean scaleAllSizes;

    private PriorBoxKernel(Node node) {
        NodeAttributes a = new NodeAttributes(node);
        minSizes = a.floats("min_size", new float[0]);
        maxSizes = a.floats("max_size", new float[0]);
        boolean flip = a.bool("flip", false);
        clip = a.bool("clip", false);
        step = (float) a.doubleValue("step", 0);
        offset = (float) a.doubleValue("offset", 0.5);
        variance = a.floats("variance", new float[0]);
        scaleAllSizes = a.bool("scale_all_sizes", true);
        if (a.has("fixed_size") || a.has("density") || a.has("fixed_ratio")) {
            throw new IllegalArgumentException("PriorBox fixed_size/fixed_ratio/density priors are not supported");
        }
        if (variance.length != 0 && variance.length != 1 && variance.length != 4) {
            throw new IllegalArgumentException("variance needs 1 or 4 values, got " + variance.length);
        }
        aspectRatios.add(1f);
        for (float ar : a.floats("aspect_ratio", new float[0])) {
            boolean exists = false;
            for (float e : aspectRatios) {
                exists |= Math.abs(ar - e) < 1e-6;
            }
            if (!exists) {
                aspectRatios.add(ar);
                if (flip) {
                    aspectRatios.add(1f / ar);
                }
            }
        }
    }

    static KernelFactory factory() {
        return (node, cc) -> new PriorBoxKernel(node);
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        long[] layer = in[0].longs();
        long[] image = in[1].longs();
        int lh = (int) layer[0];
        int lw = (int) layer[1];
        float ih = image[0];
        float iw = image[1];
        float stepX = step == 0 ? iw / lw : step;
        float stepY = step == 0 ? ih / lh : step;
        List<Float> boxes = new ArrayList<>();
        for (int h = 0; h < lh; h++) {
            for (int w = 0; w < lw; w++) {
                float cx = step == 0 ? (w + 0.5f) * stepX : (w + offset) * step;
                float cy = step == 0 ? (h + 0.5f) * stepY : (h + offset) * step;
                for (int s = 0; s < minSizes.length; s++) {
                    float min = minSizes[s];
                    add(boxes, cx, cy, min, min, iw, ih);
                    if (s < maxSizes.length) {
                        float size = (float) Math.sqrt(min * maxSizes[s]);
                        add(boxes, cx, cy, size, size, iw, ih);
                    }
                    if (scaleAllSizes || s == minSizes.length - 1) {
                        for (float ar : aspectRatios) {
                            if (Math.abs(ar - 1f) < 1e-6) {
                                continue;
                            }
                            float sq = (float) Math.sqrt(ar);
                            add(boxes, cx, cy, min * sq, min / sq, iw, ih);
                        }
                    }
                }
            }
        }
        int n = boxes.size();
        float[] out = new float[2 * n];
        for (int i = 0; i < n; i++) {
            float v = boxes.get(i);
            out[i] = clip ? Math.min(Math.max(v, 0f), 1f) : v;
            out[n + i] = variance.length == 0 ? 0.1f : variance.length == 1 ? variance[0] : variance[i % 4];
        }
        return new Value[] {Value.ofFloats(new int[] {2, n}, out)};
    }

    private static void add(List<Float> boxes, float cx, float cy, float bw, float bh, float iw, float ih) {
        boxes.add((cx - bw / 2) / iw);
        boxes.add((cy - bh / 2) / ih);
        boxes.add((cx + bw / 2) / iw);
        boxes.add((cy + bh / 2) / ih);
    }
}
