package org.pot4j.ir.shape;

import org.pot4j.api.tensor.Shape;

/** Output shapes of Convolution, GroupConvolution, MaxPool and AvgPool (NC + spatial dims), as OpenVINO infers them. */
final class SpatialShapes {
    private SpatialShapes() {
    }

    /** Convolution: data {@code [N, C, d...]}, weights {@code [OC, C, k...]} -> {@code [N, OC, o...]}. */
    static Shape convolution(Shape data, Shape weights, LayerAttributes a) {
        requireRank(data, 3, "data input");
        if (weights.rank() != data.rank()) {
            throw new ShapeInferenceException("weights " + weights + " must have the rank of the data " + data);
        }
        if (!Dims.compatible(data.dim(1), weights.dim(1))) {
            throw new ShapeInferenceException("data " + data + " has " + data.dim(1) + " channels but the weights "
                    + weights + " expect " + weights.dim(1));
        }
        return output(data, weights.dim(0), kernel(weights, 2, data.rank() - 2), a, false);
    }

    /** GroupConvolution: data {@code [N, C, d...]}, weights {@code [G, OC/G, C/G, k...]} -> {@code [N, OC, o...]}. */
    static Shape groupConvolution(Shape data, Shape weights, LayerAttributes a) {
        requireRank(data, 3, "data input");
        if (weights.rank() != data.rank() + 1) {
            throw new ShapeInferenceException("weights " + weights + " must have one more dim than the data " + data
                    + " ([groups, out/groups, in/groups, kernel...])");
        }
        long inChannels = Dims.multiply(weights.dim(0), weights.dim(2));
        if (!Dims.compatible(data.dim(1), inChannels)) {
            throw new ShapeInferenceException("data " + data + " has " + data.dim(1) + " channels but the weights "
                    + weights + " expect " + weights.dim(0) + " groups x " + weights.dim(2));
        }
        return output(data, Dims.multiply(weights.dim(0), weights.dim(1)), kernel(weights, 3, data.rank() - 2), a, false);
    }

    /** MaxPool (opset1/8) and AvgPool: the channels stay, the window comes from {@code kernel}. */
    static Shape pooling(Shape data, LayerAttributes a) {
        requireRank(data, 3, "data input");
        int spatial = data.rank() - 2;
        long[] kernel = a.integers("kernel", spatial, 1, 1);
        if (a.raw("kernel").isEmpty()) {
            throw new ShapeInferenceException("attribute kernel is missing");
        }
        return output(data, data.dim(1), kernel, a, true);
    }

    private static long[] kernel(Shape weights, int from, int spatial) {
        long[] k = new long[spatial];
        for (int i = 0; i < spatial; i++) {
            k[i] = weights.dim(from + i);
        }
        return k;
    }

    private static Shape output(Shape data, long channels, long[] kernel, LayerAttributes a, boolean pooling) {
        int spatial = kernel.length;
        long[] strides = a.integers("strides", spatial, 1, 1);
        long[] dilations = a.integers("dilations", spatial, 1, 1);
        long[] padsBegin = a.integers("pads_begin", spatial, 0, 0);
        long[] padsEnd = a.integers("pads_end", spatial, 0, 0);
        String autoPad = a.string("auto_pad", "explicit");
        String rounding = pooling ? a.string("rounding_type", "floor") : "floor";
        if (!rounding.equals("floor") && !rounding.equals("ceil") && !rounding.equals("ceil_torch")) {
            throw new ShapeInferenceException("rounding_type '" + rounding + "' is not floor, ceil or ceil_torch");
        }
        long[] out = new long[data.rank()];
        out[0] = data.dim(0);
        out[1] = channels;
        for (int i = 0; i < spatial; i++) {
            out[2 + i] = outputDim(data.dim(2 + i), kernel[i], strides[i], dilations[i], padsBegin[i], padsEnd[i],
                    autoPad, rounding, i);
        }
        return Shape.of(out);
    }

    private static long outputDim(long in, long k, long stride, long dilation, long padBegin, long padEnd,
                                  String autoPad, String rounding, int axis) {
        if (Dims.isDynamic(in) || Dims.isDynamic(k)) {
            return Dims.DYNAMIC;
        }
        switch (autoPad) {
            case "same_upper": case "same_lower":
                return ceilDiv(in, stride);
            case "valid":
                padBegin = 0;
                padEnd = 0;
                break;
            case "explicit": case "notset":
                break;
            default:
                throw new ShapeInferenceException("auto_pad '" + autoPad + "' is not explicit, same_upper, same_lower or valid");
        }
        if (k < 1) {
            throw new ShapeInferenceException("spatial axis " + axis + ": kernel size " + k);
        }
        long window = Math.addExact(Math.multiplyExact(k - 1, dilation), 1);
        long padded = Math.addExact(Math.addExact(in, padBegin), padEnd);
        if (padded < window) {
            throw new ShapeInferenceException("spatial axis " + axis + ": the window of " + window
                    + " does not fit the padded input of " + padded);
        }
        long span = padded - window;
        if (rounding.equals("floor")) {
            return span / stride + 1;
        }
        long dim = ceilDiv(span, stride) + 1;
        // ceil_torch: a last window that would start in the end padding is dropped (PyTorch's ceil_mode)
        if (rounding.equals("ceil_torch") && (dim - 1) * stride >= in + padBegin) {
            dim--;
        }
        return dim;
    }

    private static long ceilDiv(long a, long b) {
        return a / b + (a % b == 0 ? 0 : 1);
    }

    private static void requireRank(Shape s, int min, String what) {
        if (s.rank() < min) {
            throw new ShapeInferenceException(what + " " + s + " needs rank " + min + " or more");
        }
    }
}
