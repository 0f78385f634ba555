package org.pot4j.onnx.quantization;

import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** ONNX QuantizeLinear on constants: {@code saturate(round_half_even(x / scale) + zero_point)}, per tensor or per axis. */
final class QuantizeLinearMath {
    private QuantizeLinearMath() {
    }

    /** Quantizes {@code x} (f32) to the zero point's type. */
    static Tensor quantize(Tensor x, Tensor scale, Tensor zeroPoint, long axis) {
        float[] v = x.toFloatArray();
        float[] s = scale.toFloatArray();
        float[] z = zeroPoint.toFloatArray();
        Shape shape = x.shape();
        int rank = shape.rank();
        int a = (int) (axis < 0 ? axis + rank : axis);
        long inner = 1;
        for (int i = a + 1; i < rank; i++) {
            inner *= shape.dim(i);
        }
        int channels = s.length;
        boolean signed = zeroPoint.elementType() == ElementType.I8;
        float lo = signed ? -128 : 0;
        float hi = signed ? 127 : 255;
        float[] q = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int c = channels == 1 ? 0 : (int) ((i / inner) % channels);
            float r = (float) Math.rint(v[i] / s[c]) + z[c];
            q[i] = Math.max(lo, Math.min(hi, r));
        }
        return Tensor.fromFloats(zeroPoint.elementType(), shape, q);
    }
}
