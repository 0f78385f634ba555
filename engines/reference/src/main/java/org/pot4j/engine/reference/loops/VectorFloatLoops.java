package org.pot4j.engine.reference.loops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops: whole vectors of the preferred species, then the scalar loop for the tail. Every operator is
 * a constant at its call site (a variable operator is not intrinsified and runs far slower than scalar code).
 * Loaded by reflection only when {@code jdk.incubator.vector} is present.
 */
final class VectorFloatLoops implements FloatLoops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** 1.5 * 2^23: adding and subtracting it rounds half to even for |v| < 2^22 (FakeQuantize's v is in [0, 65535]). */
    private static final float ROUNDER = 0x1.8p23f;

    private final ScalarFloatLoops tail = new ScalarFloatLoops();

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    public void binary(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, float[] out, int o, int n) {
        int i;
        if (sx == 1 && sy == 1) {
            switch (op) {
                case ADD: i = add(x, xo, y, yo, out, o, n); break;
                case SUBTRACT: i = sub(x, xo, y, yo, out, o, n); break;
                case MULTIPLY: i = mul(x, xo, y, yo, out, o, n); break;
                case DIVIDE: i = div(x, xo, y, yo, out, o, n); break;
                case MAXIMUM: i = max(x, xo, y, yo, out, o, n); break;
                default: i = min(x, xo, y, yo, out, o, n); break;
            }
        } else if (sx == 1 && sy == 0) {
            FloatVector v = FloatVector.broadcast(S, y[yo]);
            switch (op) {
                case ADD: i = add(x, xo, v, out, o, n); break;
                case SUBTRACT: i = sub(x, xo, v, out, o, n); break;
                case MULTIPLY: i = mul(x, xo, v, out, o, n); break;
                case DIVIDE: i = div(x, xo, v, out, o, n); break;
                case MAXIMUM: i = max(x, xo, v, out, o, n); break;
                default: i = min(x, xo, v, out, o, n); break;
            }
        } else if (sx == 0 && sy == 1) {
            // a scalar on the left (Multiply(constant, x)): commutative ops swap, Subtract/Divide have their own loop
            FloatVector v = FloatVector.broadcast(S, x[xo]);
            switch (op) {
                case ADD: i = add(y, yo, v, out, o, n); break;
                case MULTIPLY: i = mul(y, yo, v, out, o, n); break;
                case MAXIMUM: i = max(y, yo, v, out, o, n); break;
                case MINIMUM: i = min(y, yo, v, out, o, n); break;
                case SUBTRACT: i = rsub(v, y, yo, out, o, n); break;
                default: i = rdiv(v, y, yo, out, o, n); break;
            }
        } else {
            i = 0;
        }
        if (i < n) {
            tail.binary(op, x, xo + i * sx, sx, y, yo + i * sy, sy, out, o + i, n - i);
        }
    }

    private static int add(float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    private static int sub(float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).sub(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    private static int mul(float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).mul(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    private static int div(float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).div(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    private static int max(float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    private static int min(float[] x, int xo, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).min(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    private static int add(float[] x, int xo, FloatVector v, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).add(v).intoArray(out, o + i);
        }
        return i;
    }

    private static int sub(float[] x, int xo, FloatVector v, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).sub(v).intoArray(out, o + i);
        }
        return i;
    }

    private static int mul(float[] x, int xo, FloatVector v, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).mul(v).intoArray(out, o + i);
        }
        return i;
    }

    private static int div(float[] x, int xo, FloatVector v, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).div(v).intoArray(out, o + i);
        }
        return i;
    }

    private static int max(float[] x, int xo, FloatVector v, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).max(v).intoArray(out, o + i);
        }
        return i;
    }

    private static int min(float[] x, int xo, FloatVector v, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, x, xo + i).min(v).intoArray(out, o + i);
        }
        return i;
    }

    private static int rsub(FloatVector v, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            v.sub(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    private static int rdiv(FloatVector v, float[] y, int yo, float[] out, int o, int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            v.div(FloatVector.fromArray(S, y, yo + i)).intoArray(out, o + i);
        }
        return i;
    }

    @Override
    public void clamp(float[] src, int so, float[] out, int o, int n, float lo, float hi) {
        FloatVector vlo = FloatVector.broadcast(S, lo);
        FloatVector vhi = FloatVector.broadcast(S, hi);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, src, so + i).max(vlo).min(vhi).intoArray(out, o + i);
        }
        tail.clamp(src, so + i, out, o + i, n - i, lo, hi);
    }

    @Override
    public void biasClamp(float[] c, int off, int n, float bias, float lo, float hi) {
        FloatVector vb = FloatVector.broadcast(S, bias);
        FloatVector vlo = FloatVector.broadcast(S, lo);
        FloatVector vhi = FloatVector.broadcast(S, hi);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, c, off + i).add(vb).max(vlo).min(vhi).intoArray(c, off + i);
        }
        tail.biasClamp(c, off + i, n - i, bias, lo, hi);
    }

    @Override
    public void scaleBiasClamp(float[] c, int off, int n, float scale, float bias, float lo, float hi) {
        FloatVector vs = FloatVector.broadcast(S, scale);
        FloatVector vb = FloatVector.broadcast(S, bias);
        FloatVector vlo = FloatVector.broadcast(S, lo);
        FloatVector vhi = FloatVector.broadcast(S, hi);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            // mul then add, not fma: the unfused ops round twice
            FloatVector.fromArray(S, c, off + i).mul(vs).add(vb).max(vlo).min(vhi).intoArray(c, off + i);
        }
        tail.scaleBiasClamp(c, off + i, n - i, scale, bias, lo, hi);
    }

    @Override
    public void biasPrelu(float[] c, int off, int n, float bias, float slope) {
        FloatVector vb = FloatVector.broadcast(S, bias);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, c, off + i).add(vb);
            VectorMask<Float> neg = v.compare(VectorOperators.LT, 0f);
            v.blend(v.mul(slope), neg).intoArray(c, off + i);
        }
        tail.biasPrelu(c, off + i, n - i, bias, slope);
    }

    @Override
    public void rowBiasClamp(float[] c, int off, float[] bias, int bo, int n, float lo, float hi) {
        FloatVector vlo = FloatVector.broadcast(S, lo);
        FloatVector vhi = FloatVector.broadcast(S, hi);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector.fromArray(S, c, off + i).add(FloatVector.fromArray(S, bias, bo + i)).max(vlo).min(vhi)
                    .intoArray(c, off + i);
        }
        tail.rowBiasClamp(c, off + i, bias, bo + i, n - i, lo, hi);
    }

    @Override
    public void axpy(float w, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector vw = FloatVector.broadcast(S, w);
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            // mul then add (not fma): the scalar loop rounds twice, and both paths must agree bit for bit
            FloatVector.fromArray(S, x, xo + i).mul(vw).add(FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        tail.axpy(w, x, xo + i, y, yo + i, n - i);
    }

    @Override
    public void taps(float[] w, int wo, float[] x, int[] xOff, int taps, float[] out, int o, int n) {
        if (taps == 9) {
            taps9(w, wo, x, xOff, out, o, n);
            return;
        }
        int i = 0;
        // two vectors per pass share each tap's weight broadcast and offset load
        for (int end = n - 2 * L; i <= end; i += 2 * L) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            for (int t = 0; t < taps; t++) {
                FloatVector wv = FloatVector.broadcast(S, w[wo + t]);
                int at = xOff[t] + i;
                s0 = wv.fma(FloatVector.fromArray(S, x, at), s0);
                s1 = wv.fma(FloatVector.fromArray(S, x, at + L), s1);
            }
            s0.intoArray(out, o + i);
            s1.intoArray(out, o + i + L);
        }
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector s = FloatVector.zero(S);
            for (int t = 0; t < taps; t++) {
                s = FloatVector.broadcast(S, w[wo + t]).fma(FloatVector.fromArray(S, x, xOff[t] + i), s);
            }
            s.intoArray(out, o + i);
        }
        tapsTail(w, wo, x, xOff, taps, out, o, i, n);
    }

    @Override
    public void taps4(float[] w, int wo, int wStride, float[] x, int[] xOff, int taps, float[] out, int o, int oStride,
                      int n) {
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            for (int t = 0; t < taps; t++) {
                FloatVector v = FloatVector.fromArray(S, x, xOff[t] + i);
                int at = wo + t;
                s0 = FloatVector.broadcast(S, w[at]).fma(v, s0);
                s1 = FloatVector.broadcast(S, w[at + wStride]).fma(v, s1);
                s2 = FloatVector.broadcast(S, w[at + 2 * wStride]).fma(v, s2);
                s3 = FloatVector.broadcast(S, w[at + 3 * wStride]).fma(v, s3);
            }
            s0.intoArray(out, o + i);
            s1.intoArray(out, o + oStride + i);
            s2.intoArray(out, o + 2 * oStride + i);
            s3.intoArray(out, o + 3 * oStride + i);
        }
        for (int k = 0; k < 4; k++) {
            tapsTail(w, wo + k * wStride, x, xOff, taps, out, o + k * oStride, i, n);
        }
    }

    /**
     * The 3x3 window, unrolled: the nine weights stay in registers and the loop carries only the two sums (a loop
     * over the taps inside the element loop costs more than its multiply-adds).
     */
    private void taps9(float[] w, int wo, float[] x, int[] xOff, float[] out, int o, int n) {
        FloatVector w0 = FloatVector.broadcast(S, w[wo]);
        FloatVector w1 = FloatVector.broadcast(S, w[wo + 1]);
        FloatVector w2 = FloatVector.broadcast(S, w[wo + 2]);
        FloatVector w3 = FloatVector.broadcast(S, w[wo + 3]);
        FloatVector w4 = FloatVector.broadcast(S, w[wo + 4]);
        FloatVector w5 = FloatVector.broadcast(S, w[wo + 5]);
        FloatVector w6 = FloatVector.broadcast(S, w[wo + 6]);
        FloatVector w7 = FloatVector.broadcast(S, w[wo + 7]);
        FloatVector w8 = FloatVector.broadcast(S, w[wo + 8]);
        FloatVector zero = FloatVector.zero(S);
        int a0 = xOff[0];
        int a1 = xOff[1];
        int a2 = xOff[2];
        int a3 = xOff[3];
        int a4 = xOff[4];
        int a5 = xOff[5];
        int a6 = xOff[6];
        int a7 = xOff[7];
        int a8 = xOff[8];
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            // fma onto +0 (not a plain multiply) keeps the sign of a zero product as the plain loop does
            FloatVector s = w0.fma(FloatVector.fromArray(S, x, a0 + i), zero);
            s = w1.fma(FloatVector.fromArray(S, x, a1 + i), s);
            s = w2.fma(FloatVector.fromArray(S, x, a2 + i), s);
            s = w3.fma(FloatVector.fromArray(S, x, a3 + i), s);
            s = w4.fma(FloatVector.fromArray(S, x, a4 + i), s);
            s = w5.fma(FloatVector.fromArray(S, x, a5 + i), s);
            s = w6.fma(FloatVector.fromArray(S, x, a6 + i), s);
            s = w7.fma(FloatVector.fromArray(S, x, a7 + i), s);
            s = w8.fma(FloatVector.fromArray(S, x, a8 + i), s);
            s.intoArray(out, o + i);
        }
        tapsTail(w, wo, x, xOff, 9, out, o, i, n);
    }

    /** Elements {@code [from, n)} of {@link #taps}, one at a time, as the plain loop computes them. */
    private static void tapsTail(float[] w, int wo, float[] x, int[] xOff, int taps, float[] out, int o, int from, int n) {
        for (int i = from; i < n; i++) {
            float s = 0f;
            for (int t = 0; t < taps; t++) {
                s = Math.fma(w[wo + t], x[xOff[t] + i], s);
            }
            out[o + i] = s;
        }
    }

    @Override
    public void fakeQuantize(float[] src, int so, float[] out, int o, int n, float il, float ih, float ol, float oh,
                             int levels) {
        float lo = Math.min(il, ih);
        float hi = Math.max(il, ih);
        float steps = levels - 1;
        float range = ih - il;
        float outRange = oh - ol;
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector x = FloatVector.fromArray(S, src, so + i);
            FloatVector q = x.sub(il).div(range).mul(steps).add(ROUNDER).sub(ROUNDER);
            FloatVector r = q.div(steps).mul(outRange).add(ol);
            r = r.blend(ol, x.compare(VectorOperators.LE, lo));
            r = r.blend(oh, x.compare(VectorOperators.GT, hi));
            r.intoArray(out, o + i);
        }
        tail.fakeQuantize(src, so + i, out, o + i, n - i, il, ih, ol, oh, levels);
    }
}
