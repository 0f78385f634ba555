package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * PriorBoxClustered-1: one box of each (width, height) per feature-map cell, centred at {@code (w+offset)*step_w},
 * normalised by the image size; output [2, 4*H*W*priors] = boxes then variances.
 */
final class PriorBoxClusteredKernel implements OpKernel {
    private final float[] widths;
    private final float[] heights;
    private final boolean clip;
    private final float step;
    private final float stepW;
    private final float stepH;
    private final float offset;
    private final float[] variance;

    private PriorBoxClusteredKernel(Node node) {
        NodeAttributes a = new NodeAttributes(node);
        widths = a.floats("width", new float[] {1f});
        heights = a.floats("height", new float[] {1f});
        if (widths.length != heights.length) {
            throw new IllegalArgumentException("width has " + widths.length + " values, height " + heights.length);
        }
        clip = a.bool("clip", true);
        step = (float) a.doubleValue("step", 0);
        stepW = (float) a.doubleValue("step_w", 0);
        stepH = (float) a.doubleValue("step_h", 0);
        offset = (float) a.doubleValue("offset", 0.5);
        variance = a.floats("variance", new float[0]);
        if (variance.length != 0 && variance.length != 1 && variance.length != 4) {
            throw new IllegalArgumentException("variance needs 1 or 4 values, got " + variance.length);
        }
    }

    static KernelFactory factory() {
        return (node, cc) -> new PriorBoxClusteredKernel(node);
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        long[] layer = in[0].longs();
        long[] image = in[1].longs();
        int lh = (int) layer[0];
        int lw = (int) layer[1];
        float ih = image[0];
        float iw = image[1];
        float sw = stepW;
        float sh = stepH;
        if (sw == 0 && sh == 0) {
            sw = step;
            sh = step;
        }
        if (sw == 0 && sh == 0) {
            sw = iw / lw;
            sh = ih / lh;
        }
        int priors = widths.length;
        int n = lh * lw * priors * 4;
        float[] out = new float[2 * n];
        for (int h = 0; h < lh; h++) {
            for (int w = 0; w < lw; w++) {
                float cx = (w + offset) * sw;
                float cy = (h + offset) * sh;
                for (int s = 0; s < priors; s++) {
                    int o = ((h * lw + w) * priors + s) * 4;
                    float[] box = {
                        (cx - widths[s] / 2) / iw, (cy - heights[s] / 2) / ih,
                        (cx + widths[s] / 2) / iw, (cy + heights[s] / 2) / ih};
                    for (int j = 0; j < 4; j++) {
                        out[o + j] = clip ? Math.min(Math.max(box[j], 0f), 1f) : box[j];
                        out[n + o + j] = variance.length == 0 ? 0.1f : variance.length == 1 ? variance[0] : variance[j];
                    }
                }
            }
        }
        return new Value[] {Value.ofFloats(new int[] {2, n}, out)};
    }
}
