package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Interpolate-4 (data, sizes, scales, [axes]) and Interpolate-11 (data, scales_or_sizes, [axes]), told apart by
 * input 2: floats are v4's scales, integers v11's axes. Modes {@code nearest}, {@code linear} and
 * {@code linear_onnx} (identical without antialias: neighbours outside the input carry no weight), {@code cubic}
 * (Keys, {@code cube_coeff}, edge indices clamped, or with ONNX's {@code exclude_outside} outside taps dropped and the rest
 * renormalised); every coordinate transformation and nearest mode, and ONNX's {@code tf_crop_and_resize} (the ONNX
 * view's {@code roi} attribute, starts then ends of every axis as fractions; output points outside the input take
 * {@code extrapolation_value}); zero
 * {@code pads_begin/pads_end} applied first. Resizes one axis at a time (every mode is separable), coordinates in
 * f32 as OpenVINO and ONNX Runtime compute them.
 */
final class InterpolateKernel implements OpKernel {
    private enum Mode { NEAREST, LINEAR, CUBIC }

    private final Mode mode;
    private final boolean excludeOutside;
    private final boolean bySizes;
    private final String transform;
    private final String nearestMode;
    private final float cubeCoeff;
    private final long[] padsBegin;
    private final long[] padsEnd;
    private final float[] roi;
    private final float extrapolation;

    private InterpolateKernel(NodeAttributes a) {
        String m = a.string("mode", "nearest");
        switch (m) {
            case "nearest": mode = Mode.NEAREST; break;
            case "linear": case "linear_onnx": mode = Mode.LINEAR; break;
            case "cubic": mode = Mode.CUBIC; break;
            default: throw new IllegalArgumentException("unsupported Interpolate mode '" + m + "'");
        }
        if (a.bool("antialias", false)) {
            throw new IllegalArgumentException("Interpolate with antialias=true is not supported");
        }
        String calc = a.string("shape_calculation_mode", "sizes");
        if (!calc.equals("sizes") && !calc.equals("scales")) {
            throw new IllegalArgumentException("unsupported shape_calculation_mode '" + calc + "'");
        }
        bySizes = calc.equals("sizes");
        transform = a.string("coordinate_transformation_mode", "half_pixel");
        switch (transform) {
            case "half_pixel": case "pytorch_half_pixel": case "asymmetric": case "tf_half_pixel_for_nn":
            case "align_corners": case "tf_crop_and_resize": break;
            default: throw new IllegalArgumentException("unsupported coordinate_transformation_mode '" + transform + "'");
        }
        nearestMode = a.string("nearest_mode", "round_prefer_floor");
        switch (nearestMode) {
            case "round_prefer_floor": case "round_prefer_ceil": case "floor": case "ceil": case "simple": break;
            default: throw new IllegalArgumentException("unsupported nearest_mode '" + nearestMode + "'");
        }
        cubeCoeff = (float) a.doubleValue("cube_coeff", -0.75);
        // ONNX Resize's exclude_outside (the ONNX view adds it when set): taps outside the input weigh 0 and the rest
        // are renormalised to sum 1, instead of repeating the edge value
        excludeOutside = a.bool("exclude_outside", false);
        padsBegin = a.longs("pads_begin", new long[0]);
        padsEnd = a.longs("pads_end", new long[0]);
        roi = a.floats("roi", null);
        if (transform.equals("tf_crop_and_resize") && roi == null) {
            throw new IllegalArgumentException("tf_crop_and_resize needs the 'roi' attribute");
        }
        extrapolation = (float) a.doubleValue("extrapolation_value", 0.0);
    }

    static KernelFactory factory() {
        return (node, cc) -> new InterpolateKernel(new NodeAttributes(node));
    }

    @Override
    public Value[] run(Value[] in, ExecContext ctx) {
        Value x = in[0];
        int rank = x.rank();
        if (!x.isFloat()) {
            throw new IllegalArgumentException("Interpolate of integer data is not supported");
        }
        if (nonZero(padsBegin) || nonZero(padsEnd)) {
            x = PadKernel.zeroPad(x, fit(padsBegin, rank), fit(padsEnd, rank), ctx);
        }
        boolean v4 = in.length > 2 && in[2] != null && in[2].isFloat();
        Value target = in[1];
        Value scalesIn = v4 ? in[2] : target;
        Value axesIn = v4 ? (in.length > 3 ? in[3] : null) : (in.length > 2 ? in[2] : null);
        long[] axes;
        if (axesIn != null) {
            axes = axesIn.longs();
        } else {
            axes = new long[rank];
            for (int d = 0; d < rank; d++) {
                axes[d] = d;
            }
        }
        long[] sizes = bySizes ? target.longs() : null;
        float[] scales = bySizes ? null : scalesIn.floats();
        int count = bySizes ? sizes.length : scales.length;
        if (count != axes.length) {
            throw new IllegalArgumentException((bySizes ? "sizes" : "scales") + " has " + count + " values for "
                    + axes.length + " axes");
        }
        for (int i = 0; i < axes.length; i++) {
            int axis = Dims.axis(axes[i], rank);
            int inLen = x.dim(axis);
            int outLen;
            float scale;
            if (bySizes) {
                outLen = (int) sizes[i];
                scale = outLen / (float) inLen;
            } else {
                scale = scales[i];
                // a small epsilon so that e.g. 3 * (1/3f) still gives 1 (OpenVINO does the same)
                outLen = (int) Math.floor(inLen * (double) scale + 1e-5);
            }
            if (outLen < 1) {
                throw new IllegalArgumentException("axis " + axis + " of size " + inLen + " would be resized to " + outLen);
            }
            boolean wholeAxis = roi == null || roi[axis] == 0f && roi[rank + axis] == 1f;
            if (outLen == inLen && scale == 1f && (wholeAxis || !transform.equals("tf_crop_and_resize"))) {
                continue;
            }
            x = resize(x, axis, outLen, scale, ctx);
        }
        return new Value[] {x};
    }

    private static boolean nonZero(long[] v) {
        for (long p : v) {
            if (p != 0) {
                return true;
            }
        }
        return false;
    }

    private static long[] fit(long[] v, int rank) {
        return java.util.Arrays.copyOf(v, rank);
    }

    /** Resamples one axis: output index {@code o} is {@code sum_t weight[o][t] * input[index[o][t]]}. */
    private Value resize(Value x, int axis, int outLen, float scale, ExecContext ctx) {
        int[] s = x.shape();
        int inLen = s[axis];
        int outer = Dims.product(s, 0, axis);
        int inner = Dims.product(s, axis + 1, s.length);
        int taps = mode == Mode.NEAREST ? 1 : mode == Mode.LINEAR ? 2 : 4;
        int[] index = new int[outLen * taps];
        float[] weight = new float[outLen * taps];
        boolean[] outside = new boolean[outLen];
        for (int o = 0; o < outLen; o++) {
            float c = transform.equals("tf_crop_and_resize") ? cropped(o, axis, s.length, inLen, outLen)
                    : original(o, scale, inLen, outLen);
            int at = o * taps;
            if (transform.equals("tf_crop_and_resize") && (c < 0 || c > inLen - 1)) {
                outside[o] = true;
                weight[at] = 0f;
            } else if (mode == Mode.NEAREST) {
                index[at] = clamp(nearest(c, scale), inLen);
                weight[at] = 1f;
            } else if (mode == Mode.LINEAR) {
                float cc = Math.max(0f, Math.min(c, inLen - 1));
                int i0 = (int) cc;
                index[at] = i0;
                index[at + 1] = Math.min(i0 + 1, inLen - 1);
                weight[at + 1] = cc - i0;
                weight[at] = 1f - weight[at + 1];
            } else {
                int i0 = (int) Math.floor(c);
                float t = c - i0;
                float a = cubeCoeff;
                float[] w = {
                    ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
                    ((a + 2) * t - (a + 3)) * t * t + 1,
                    ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
                    ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a,
                };
                float sum = 0f;
                for (int k = 0; k < 4; k++) {
                    int i = i0 - 1 + k;
                    index[at + k] = clamp(i, inLen);
                    weight[at + k] = excludeOutside && (i < 0 || i >= inLen) ? 0f : w[k];
                    sum += weight[at + k];
                }
                if (excludeOutside) {
                    for (int k = 0; k < 4; k++) {
                        weight[at + k] /= sum;
                    }
                }
            }
        }
        int[] os = s.clone();
        os[axis] = outLen;
        float[] src = x.floats();
        float[] out = ctx.floats(outer * outLen * inner);
        for (int b = 0; b < outer; b++) {
            int srcBase = b * inLen * inner;
            int dstBase = b * outLen * inner;
            for (int o = 0; o < outLen; o++) {
                int dst = dstBase + o * inner;
                if (outside[o]) {
                    java.util.Arrays.fill(out, dst, dst + inner, extrapolation);
                    continue;
                }
                for (int t = 0; t < taps; t++) {
                    float w = weight[o * taps + t];
                    int from = srcBase + index[o * taps + t] * inner;
                    if (t == 0) {
                        for (int i = 0; i < inner; i++) {
                            out[dst + i] = w * src[from + i];
                        }
                    } else {
                        for (int i = 0; i < inner; i++) {
                            out[dst + i] += w * src[from + i];
                        }
                    }
                }
            }
        }
        return Value.ofFloats(os, out);
    }

    /** The input coordinate of output index {@code o}, in f32. */
    private float original(int o, float scale, int inLen, int outLen) {
        switch (transform) {
            case "half_pixel": return (o + 0.5f) / scale - 0.5f;
            case "pytorch_half_pixel": return outLen > 1 ? (o + 0.5f) / scale - 0.5f : 0f;
            case "asymmetric": return o / scale;
            case "tf_half_pixel_for_nn": return (o + 0.5f) / scale;
            default: return outLen == 1 ? 0f : o * (float) (inLen - 1) / (outLen - 1);
        }
    }

    /** tf_crop_and_resize: the input coordinate of output index {@code o} inside the axis's roi. */
    private float cropped(int o, int axis, int rank, int inLen, int outLen) {
        float start = roi[axis];
        float end = roi[rank + axis];
        if (outLen == 1) {
            return 0.5f * (start + end) * (inLen - 1);
        }
        return start * (inLen - 1) + o * (end - start) * (inLen - 1) / (float) (outLen - 1);
    }

    private int nearest(float c, float scale) {
        switch (nearestMode) {
            case "round_prefer_floor": return c == (float) Math.floor(c) + 0.5f ? (int) Math.floor(c) : Math.round(c);
            case "round_prefer_ceil": return Math.round(c);
            case "floor": return (int) Math.floor(c);
            case "ceil": return (int) Math.ceil(c);
            default: return scale < 1 ? (int) Math.ceil(c) : (int) c;
        }
    }

    private static int clamp(int i, int len) {
        return Math.max(0, Math.min(len - 1, i));
    }
}
