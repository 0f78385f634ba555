package org.pot4j.engine.reference.ops;

/**
 * Output size and padding of one spatial axis of a convolution or pooling window, with OpenVINO's
 * {@code auto_pad} ({@code explicit}, {@code valid}, {@code same_upper}, {@code same_lower}) and rounding rules.
 */
final class SpatialGeometry {
    final int in;
    final int out;
    final int padBegin;
    final int kernel;
    final int stride;
    final int dilation;

    private SpatialGeometry(int in, int out, int padBegin, int kernel, int stride, int dilation) {
        this.in = in;
        this.out = out;
        this.padBegin = padBegin;
        this.kernel = kernel;
        this.stride = stride;
        this.dilation = dilation;
    }

    /** The padded extent ({@code in + pads}) windows may read. */
    int paddedEnd(int padEnd) {
        return in + padEnd;
    }

    static SpatialGeometry of(int in, int kernel, int stride, int dilation, int padBegin, int padEnd, String autoPad,
                              boolean ceil) {
        if (stride < 1 || dilation < 1 || kernel < 1) {
            throw new IllegalArgumentException("invalid window: kernel " + kernel + ", stride " + stride
                    + ", dilation " + dilation);
        }
        int effective = (kernel - 1) * dilation + 1;
        int pb = padBegin;
        int pe = padEnd;
        switch (autoPad == null ? "explicit" : autoPad) {
            case "valid":
                pb = 0;
                pe = 0;
                break;
            case "same_upper":
            case "same_lower": {
                int o = (in + stride - 1) / stride;
                int total = Math.max(0, (o - 1) * stride + effective - in);
                pb = autoPad.equals("same_upper") ? total / 2 : total - total / 2;
                pe = total - pb;
                break;
            }
            case "explicit":
            case "notset":
            case "":
                break;
            default:
                throw new IllegalArgumentException("unsupported auto_pad '" + autoPad + "'");
        }
        int span = in + pb + pe - effective;
        if (span < 0) {
            throw new IllegalArgumentException("window of " + effective + " is larger than the padded input " + (in + pb + pe));
        }
        int out = ceil ? (span + stride - 1) / stride + 1 : span / stride + 1;
        if (ceil && (out - 1) * stride >= in + pb) {
            // the last window would start in the end padding only
            out--;
        }
        return new SpatialGeometry(in, out, pb, kernel, stride, dilation);
    }

    static int get(long[] values, int i, int fallback) {
        return values == null || values.length == 0 ? fallback : (int) values[Math.min(i, values.length - 1)];
    }
}
