package org.pot4j.engine.reference.loops;

/**
 * The plain-Java loops. Each op has its own loop (a shared loop calling back per element goes megamorphic), and
 * max/min use {@link Math#max(float, float)}, which C2 compiles without branches (activations of random sign make
 * a branch mispredict half the time).
 */
final class ScalarFloatLoops implements FloatLoops {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void binary(BinaryOp op, float[] x, int xo, int sx, float[] y, int yo, int sy, float[] out, int o, int n) {
        if (sx == 1 && sy == 1) {
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] + y[yo + i]; } break;
                case SUBTRACT: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] - y[yo + i]; } break;
                case MULTIPLY: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] * y[yo + i]; } break;
                case DIVIDE: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] / y[yo + i]; } break;
                case MAXIMUM: for (int i = 0; i < n; i++) { out[o + i] = Math.max(x[xo + i], y[yo + i]); } break;
                default: for (int i = 0; i < n; i++) { out[o + i] = Math.min(x[xo + i], y[yo + i]); } break;
            }
        } else if (sx == 1 && sy == 0) {
            float v = y[yo];
            switch (op) {
                case ADD: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] + v; } break;
                case SUBTRACT: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] - v; } break;
                case MULTIPLY: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] * v; } break;
                case DIVIDE: for (int i = 0; i < n; i++) { out[o + i] = x[xo + i] / v; } break;
                case MAXIMUM: for (int i = 0; i < n; i++) { out[o + i] = Math.max(x[xo + i], v); } break;
                default: for (int i = 0; i < n; i++) { out[o + i] = Math.min(x[xo + i], v); } break;
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[o + i] = op.apply(x[xo + i * sx], y[yo + i * sy]);
            }
        }
    }

    @Override
    public void clamp(float[] src, int so, float[] out, int o, int n, float lo, float hi) {
        for (int i = 0; i < n; i++) {
            out[o + i] = Math.min(Math.max(src[so + i], lo), hi);
        }
    }

    @Override
    public void biasClamp(float[] c, int off, int n, float bias, float lo, float hi) {
        for (int i = off; i < off + n; i++) {
            c[i] = Math.min(Math.max(c[i] + bias, lo), hi);
        }
    }

    @Override
    public void scaleBiasClamp(float[] c, int off, int n, float scale, float bias, float lo, float hi) {
        for (int i = off; i < off + n; i++) {
            c[i] = Math.min(Math.max(c[i] * scale + bias, lo), hi);
        }
    }

    @Override
    public void biasPrelu(float[] c, int off, int n, float bias, float slope) {
        for (int i = off; i < off + n; i++) {
            float v = c[i] + bias;
            c[i] = v < 0 ? v * slope : v;
        }
    }

    @Override
    public void rowBiasClamp(float[] c, int off, float[] bias, int bo, int n, float lo, float hi) {
        for (int i = 0; i < n; i++) {
            c[off + i] = Math.min(Math.max(c[off + i] + bias[bo + i], lo), hi);
        }
    }

    @Override
    public void axpy(float w, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += w * x[xo + i];
        }
    }

    @Override
    public void taps(float[] w, int wo, float[] x, int[] xOff, int taps, float[] out, int o, int n) {
        for (int i = 0; i < n; i++) {
            float s = 0f;
            for (int t = 0; t < taps; t++) {
                s = Math.fma(w[wo + t], x[xOff[t] + i], s);
            }
            out[o + i] = s;
        }
    }

    @Override
    public void taps4(float[] w, int wo, int wStride, float[] x, int[] xOff, int taps, float[] out, int o, int oStride,
                      int n) {
        for (int k = 0; k < 4; k++) {
            taps(w, wo + k * wStride, x, xOff, taps, out, o + k * oStride, n);
        }
    }

    @Override
    public void fakeQuantize(float[] src, int so, float[] out, int o, int n, float il, float ih, float ol, float oh,
                             int levels) {
        for (int i = 0; i < n; i++) {
            out[o + i] = FloatLoops.fakeQuantize(src[so + i], il, ih, ol, oh, levels);
        }
    }
}
