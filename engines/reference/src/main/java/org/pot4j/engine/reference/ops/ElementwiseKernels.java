package org.pot4j.engine.reference.ops;

import java.util.function.DoubleUnaryOperator;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.engine.reference.loops.FloatLoops;
import org.pot4j.engine.reference.runtime.Broadcasting;
import org.pot4j.engine.reference.runtime.Broadcasting.FloatOp;
import org.pot4j.engine.reference.runtime.Broadcasting.LongOp;
import org.pot4j.engine.reference.runtime.ExecContext;
import org.pot4j.engine.reference.runtime.Value;

/** Element-wise ops: unary activations, numpy-broadcast binary arithmetic, Clamp, PReLU and Convert. */
final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    /** A unary float function applied with a tight loop (the function object is monomorphic per kernel). */
    @FunctionalInterface
    interface FloatFunction {
        float apply(float x);
    }

    static KernelFactory unary(FloatFunction f) {
        return (node, cc) -> (in, ctx) -> new Value[] {map(in[0], f, ctx)};
    }

    static KernelFactory unaryDouble(DoubleUnaryOperator f) {
        return unary(x -> (float) f.applyAsDouble(x));
    }

    /** ReLU as {@code min(max(x, 0), +inf)}: the loop a fused convolution epilogue runs too. */
    static KernelFactory relu() {
        return (node, cc) -> (in, ctx) -> new Value[] {clamp(in[0], 0f, Float.POSITIVE_INFINITY, ctx)};
    }

    static Value clamp(Value x, float lo, float hi, ExecContext ctx) {
        if (!x.isFloat()) {
            // integer tensors (ONNX Clip on int8...) stay integer: their bounds are integers of the same type
            long[] src = x.longs();
            long[] out = new long[src.length];
            for (int i = 0; i < src.length; i++) {
                long v = src[i];
                out[i] = v < lo ? (long) Math.ceil(lo) : v > hi ? (long) Math.floor(hi) : v;
            }
            return Value.ofLongs(x.shape(), out);
        }
        float[] src = x.floats();
        float[] out = ctx.floats(src.length);
        FloatLoops loops = ctx.loops();
        ctx.parallel().forRange(src.length, 65536, (from, to) -> loops.clamp(src, from, out, from, to - from, lo, hi));
        return Value.ofFloats(x.shape(), out);
    }

    static Value map(Value x, FloatFunction f, ExecContext ctx) {
        float[] src = x.floats();
        float[] out = ctx.floats(src.length);
        ctx.parallel().forRange(src.length, 32768, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = f.apply(src[i]);
            }
        });
        return Value.ofFloats(x.shape(), out);
    }

    /** A binary op on floats, and on longs when both inputs are integer (shape arithmetic). */
    static KernelFactory binary(FloatOp f, LongOp l) {
        return binary(Broadcasting.rows(f), l);
    }

    /** A binary op with a {@link FloatLoops} loop (vectorised on the same-shape and scalar-broadcast rows). */
    static KernelFactory binary(FloatLoops.BinaryOp op, LongOp l) {
        return (node, cc) -> (in, ctx) -> {
            if (l != null && !in[0].isFloat() && !in[1].isFloat()) {
                return new Value[] {Broadcasting.applyLong(in[0], in[1], l)};
            }
            FloatLoops loops = ctx.loops();
            return new Value[] {Broadcasting.apply(in[0], in[1],
                    (x, ia, sa, y, ib, sb, out, o, n) -> loops.binary(op, x, ia, sa, y, ib, sb, out, o, n), ctx)};
        };
    }

    static KernelFactory binary(Broadcasting.RowOp f, LongOp l) {
        return (node, cc) -> (in, ctx) -> {
            if (l != null && !in[0].isFloat() && !in[1].isFloat()) {
                return new Value[] {Broadcasting.applyLong(in[0], in[1], l)};
            }
            return new Value[] {Broadcasting.apply(in[0], in[1], f, ctx)};
        };
    }

    static KernelFactory clamp() {
        return (node, cc) -> {
            NodeAttributes at = new NodeAttributes(node);
            float lo = (float) at.doubleValue("min", Double.NEGATIVE_INFINITY);
            float hi = (float) at.doubleValue("max", Double.POSITIVE_INFINITY);
            if (lo > hi) {
                throw new IllegalArgumentException("Clamp min " + lo + " is above max " + hi);
            }
            return (in, ctx) -> new Value[] {clamp(in[0], lo, hi, ctx)};
        };
    }

    /**
     * Power: floats in f32; an integer base keeps its type, as ONNX's Pow does ({@code (long) pow(a, b)} in double,
     * what ONNX Runtime computes), whether the exponent is integer or floating.
     */
    static KernelFactory power() {
        KernelFactory floats = binary((a, b) -> (float) Math.pow(a, b), null);
        return (node, cc) -> {
            OpKernel f = floats.create(node, cc);
            return (in, ctx) -> {
                if (in[0].isFloat()) {
                    return f.run(in, ctx);
                }
                if (!in[1].isFloat()) {
                    return new Value[] {Broadcasting.applyLong(in[0], in[1], (a, b) -> (long) Math.pow(a, b))};
                }
                // a float exponent travels through the long broadcasting as its bit pattern, so it stays exact
                float[] e = in[1].floats();
                long[] bits = new long[e.length];
                for (int i = 0; i < e.length; i++) {
                    bits[i] = Float.floatToRawIntBits(e[i]);
                }
                return new Value[] {Broadcasting.applyLong(in[0], Value.ofLongs(in[1].shape(), bits),
                        (a, b) -> (long) Math.pow(a, Float.intBitsToFloat((int) b)))};
            };
        };
    }

    static KernelFactory swish() {
        return (node, cc) -> (in, ctx) -> {
            float beta = in.length > 1 && in[1] != null ? in[1].floats()[0] : 1f;
            return new Value[] {map(in[0], x -> (float) (x / (1 + Math.exp(-beta * x))), ctx)};
        };
    }

    /**
     * PReLU: {@code x < 0 ? slope * x : x}. A 1-D slope whose length is the channel count (axis 1) is applied per
     * channel, as OpenVINO does (even when the last axis has the same size); any other slope broadcasts numpy-style.
     */
    static KernelFactory prelu() {
        return (node, cc) -> (in, ctx) -> {
            Value x = in[0];
            Value s = in[1];
            Value slope = s;
            if (s.rank() == 1 && x.rank() >= 2 && s.size() == x.dim(1)) {
                int[] shape = new int[x.rank() - 1];
                java.util.Arrays.fill(shape, 1);
                shape[0] = s.size();
                slope = s.reshape(shape);
            }
            return new Value[] {Broadcasting.apply(x, slope, (a, b) -> a < 0 ? a * b : a, ctx)};
        };
    }

    /** Convert: floating targets compute in f32 (rounded through f16/bf16 when the target is half precision). */
    static KernelFactory convert() {
        return (node, cc) -> {
            String dst = new NodeAttributes(node).string("destination_type", null);
            if (dst == null) {
                throw new IllegalArgumentException("attribute 'destination_type' is missing");
            }
            ElementType type = ElementType.fromName(dst);
            return (in, ctx) -> new Value[] {convert(in[0], type)};
        };
    }

    static Value convert(Value x, ElementType type) {
        if (type.isFloatingPoint()) {
            if (x.isFloat() && type == ElementType.F32) {
                return x;
            }
            float[] f = x.isFloat() ? x.floats().clone() : x.floats();
            if (type == ElementType.F16) {
                for (int i = 0; i < f.length; i++) {
                    f[i] = org.pot4j.api.tensor.HalfFloats.f16ToFloat(org.pot4j.api.tensor.HalfFloats.floatToF16(f[i]));
                }
            } else if (type == ElementType.BF16) {
                for (int i = 0; i < f.length; i++) {
                    f[i] = org.pot4j.api.tensor.HalfFloats.bf16ToFloat(org.pot4j.api.tensor.HalfFloats.floatToBf16(f[i]));
                }
            }
            return Value.ofFloats(x.shape(), f);
        }
        long lo;
        long hi;
        switch (type) {
            case I8: lo = -128; hi = 127; break;
            case U8: lo = 0; hi = 255; break;
            case I16: lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; break;
            case U16: lo = 0; hi = 65535; break;
            case I32: lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; break;
            case U32: lo = 0; hi = 0xffffffffL; break;
            case BOOLEAN: lo = 0; hi = 1; break;
            default: lo = Long.MIN_VALUE; hi = Long.MAX_VALUE; break;
        }
        long[] out = new long[x.size()];
        if (x.isFloat()) {
            float[] f = x.floats();
            for (int i = 0; i < out.length; i++) {
                // float to integer rounds to nearest (half to even) and saturates, like OpenVINO's CPU plugin
                long r = type == ElementType.BOOLEAN ? (f[i] != 0 ? 1 : 0) : (long) Math.rint(f[i]);
                out[i] = Math.max(lo, Math.min(hi, r));
            }
        } else {
            long[] l = x.longs();
            for (int i = 0; i < out.length; i++) {
                out[i] = type == ElementType.BOOLEAN ? (l[i] != 0 ? 1 : 0) : Math.max(lo, Math.min(hi, l[i]));
            }
        }
        return Value.ofLongs(x.shape(), out);
    }
}
