package org.pot4j.engine.reference.ops;

import org.pot4j.api.graph.Node;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * ONNX QuantizeLinear and DequantizeLinear (inputs x, scale, optional zero point; attribute {@code axis}, default
 * 1): per tensor (scalar scale) or per axis (1-D scale as long as that axis).
 * <ul>
 *   <li>QuantizeLinear: {@code y = saturate(rint(x / scale) + zero_point)}, rounding half to even, saturating to
 *   the output type (the type of the zero point; uint8 without one). The result is an integer tensor.</li>
 *   <li>DequantizeLinear: {@code y = (x - zero_point) * scale} in f32.</li>
 * </ul>
 */
final class QuantizeLinearKernels {
    private QuantizeLinearKernels() {
    }

    static KernelFactory quantize() {
        return (node, cc) -> {
            long axisAttr = new NodeAttributes(node).longValue("axis", 1);
            ElementType type = outputType(node);
            long lo;
            long hi;
            switch (type) {
                case I8: lo = -128; hi = 127; break;
                case U8: lo = 0; hi = 255; break;
                case I16: lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; break;
                case U16: lo = 0; hi = 65535; break;
                case I32: lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; break;
                default: throw new IllegalArgumentException("QuantizeLinear to " + type + " is not supported (int8, uint8,"
                        + " int16, uint16, int32)");
            }
            return (in, ctx) -> {
                Value x = in[0];
                float[] src = x.floats();
                PerAxis p = PerAxis.of(x.shape(), in[1], in.length > 2 ? in[2] : null, axisAttr);
                long[] out = new long[src.length];
                for (int i = 0; i < src.length; i++) {
                    int c = p.channel(i);
                    long q = (long) Math.rint(src[i] / p.scales[c]) + p.zeroPoints[c];
                    out[i] = Math.max(lo, Math.min(hi, q));
                }
                return new Value[] {Value.ofLongs(x.shape(), out)};
            };
        };
    }

    static KernelFactory dequantize() {
        return (node, cc) -> {
            long axisAttr = new NodeAttributes(node).longValue("axis", 1);
            return (in, ctx) -> {
                Value x = in[0];
                long[] src = x.longs();
                PerAxis p = PerAxis.of(x.shape(), in[1], in.length > 2 ? in[2] : null, axisAttr);
                float[] out = ctx.floats(src.length);
                for (int i = 0; i < src.length; i++) {
                    int c = p.channel(i);
                    out[i] = (float) (src[i] - p.zeroPoints[c]) * p.scales[c];
                }
                return new Value[] {Value.ofFloats(x.shape(), out)};
            };
        };
    }

    /** The output element type of QuantizeLinear as the graph declares it (the zero point's type), else uint8. */
    private static ElementType outputType(Node node) {
        if (!node.outputs().isEmpty()) {
            ElementType t = node.output(0).elementType();
            if (t != null && !t.isFloatingPoint()) {
                return t;
            }
        }
        return ElementType.U8;
    }

    /** Scales and zero points, one per tensor or one per index of {@code axis}. */
    private static final class PerAxis {
        final float[] scales;
        final long[] zeroPoints;
        final int inner;
        final int channels;

        private PerAxis(float[] scales, long[] zeroPoints, int inner, int channels) {
            this.scales = scales;
            this.zeroPoints = zeroPoints;
            this.inner = inner;
            this.channels = channels;
        }

        static PerAxis of(int[] shape, Value scale, Value zeroPoint, long axisAttr) {
            float[] s = scale.floats();
            long[] z = zeroPoint == null ? new long[s.length] : zeroPoint.longs();
            if (z.length != s.length) {
                throw new IllegalArgumentException("zero point has " + z.length + " values, scale has " + s.length);
            }
            if (s.length == 1) {
                return new PerAxis(s, z, 1, 1);
            }
            if (scale.rank() != 1) {
                throw new IllegalArgumentException("scale must be a scalar or 1-D, got " + Dims.format(scale.shape()));
            }
            int axis = Dims.axis(axisAttr, shape.length);
            if (shape[axis] != s.length) {
                throw new IllegalArgumentException("per-axis scale of " + s.length + " values does not match axis " + axis
                        + " of " + Dims.format(shape));
            }
            return new PerAxis(s, z, Dims.product(shape, axis + 1, shape.length), s.length);
        }

        int channel(int flat) {
            return channels == 1 ? 0 : (flat / inner) % channels;
        }
    }
}
