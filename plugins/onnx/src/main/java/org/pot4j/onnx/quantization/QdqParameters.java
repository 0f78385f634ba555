package org.pot4j.onnx.quantization;

import org.pot4j.api.quantization.FakeQuantizeSpec;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * The QuantizeLinear/DequantizeLinear parameters equivalent to a FakeQuantize: {@code scale = (high - low) / (L - 1)},
 * a zero point that puts {@code low} on the lowest integer level, int8 for weights and signed symmetric activations,
 * uint8 otherwise. The dequantize scale differs from the quantize scale only for saturation-fixed weights.
 *
 * @param scaleIn    the QuantizeLinear scale (f32 scalar or [C])
 * @param scaleOut   the DequantizeLinear scale
 * @param zeroPoint  i8 or u8, scalar or [C]
 * @param axis       the per-channel axis of the input, or -1 for per-tensor
 * @param sameScales true when both scales are equal
 */
public record QdqParameters(Tensor scaleIn, Tensor scaleOut, Tensor zeroPoint, int axis, boolean sameScales) {
    /** The parameters of {@code spec}. */
    public static QdqParameters of(FakeQuantizeSpec spec) {
        Tensor[] ranges = {spec.inputLow(), spec.inputHigh(), spec.outputLow(), spec.outputHigh()};
        Tensor widest = ranges[0];
        for (Tensor t : ranges) {
            if (t.elementCount() > widest.elementCount()) {
                widest = t;
            }
        }
        int n = (int) widest.elementCount();
        int axis = -1;
        for (int i = 0; i < widest.shape().rank() && n > 1; i++) {
            if (widest.shape().dim(i) == n) {
                axis = i;
                break;
            }
        }
        if (spec.levels() > 256) {
            throw new IllegalArgumentException("FakeQuantize '" + spec.name() + "' has " + spec.levels()
                    + " levels; ONNX QuantizeLinear holds at most 256");
        }
        float[] il = values(ranges[0], n);
        float[] ih = values(ranges[1], n);
        float[] ol = values(ranges[2], n);
        float[] oh = values(ranges[3], n);
        long levels = spec.levels();
        float[] sIn = new float[n];
        float[] sOut = new float[n];
        boolean same = true;
        boolean signedSymmetric = levels == 256 && !spec.weights();
        for (int c = 0; c < n; c++) {
            sIn[c] = (ih[c] - il[c]) / (levels - 1);
            sOut[c] = (oh[c] - ol[c]) / (levels - 1);
            same &= sIn[c] == sOut[c];
            signedSymmetric &= il[c] < 0 && Math.abs(-il[c] / sIn[c] - 128) < 1e-2;
        }
        boolean int8 = spec.weights() || signedSymmetric;
        float[] zp = new float[n];
        for (int c = 0; c < n; c++) {
            double lowest = int8 ? -(levels / 2) : 0;
            double z = sIn[c] == 0 ? 0 : Math.rint(lowest - il[c] / sIn[c]);
            zp[c] = (float) Math.max(int8 ? -128 : 0, Math.min(int8 ? 127 : 255, z));
        }
        Shape shape = n == 1 ? Shape.SCALAR : Shape.of(n);
        return new QdqParameters(Tensor.ofFloats(shape, sIn), Tensor.ofFloats(shape, sOut),
                Tensor.fromFloats(int8 ? ElementType.I8 : ElementType.U8, shape, zp), axis, same);
    }

    private static float[] values(Tensor t, int n) {
        float[] v = t.toFloatArray();
        if (v.length == n) {
            return v;
        }
        float[] out = new float[n];
        java.util.Arrays.fill(out, v[0]);
        return out;
    }
}
