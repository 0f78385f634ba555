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
        int i = 0;
        for (int end = S.loopBound(n); i < end; i += L) {
            FloatVector s = FloatVector.zero(S);
            for (int t = 0; t < taps; t++) {
                s = FloatVector.fromArray(S, x, xOff[t] + i).mul(w[wo + t]).add(s);
            }
            s.intoArray(out, o + i);
        }
        for (; i < n; i++) {
            float s = 0f;
            for (int t = 0; t < taps; t++) {
                s += w[wo + t] * x[xOff[t] + i];
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
