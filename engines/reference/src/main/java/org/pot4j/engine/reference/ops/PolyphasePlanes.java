package org.pot4j.engine.reference.ops;

/**
 * One zero-padded input plane of an undilated convolution split into {@code sy x sx} polyphase sub-planes of
 * {@code rows x len}, so that tap {@code (ky, kx)} of output {@code (oy, ox)} reads sub-plane
 * {@code (ky % sy, kx % sx)} at {@code (oy + ky / sy) * len + ox + kx / sx}: for every tap, the whole output plane is
 * one contiguous run starting at {@link #tapOffset}. Results are computed into an accumulator with row length
 * {@code len} ({@link #accumulatorLength} floats; columns past the output width are discarded by {@link #copyOut}).
 * Padding contributes exact zeros.
 */
final class PolyphasePlanes {
    /** Rows shorter than this are copied by a plain loop: System.arraycopy's call costs more than a few elements. */
    private static final int SHORT_ROW = 32;
    private final SpatialGeometry gh;
    private final SpatialGeometry gw;
    private final int sy;
    private final int sx;
    private final int rows;
    private final int len;
    private final int subSize;

    PolyphasePlanes(SpatialGeometry gh, SpatialGeometry gw, int kh, int kw) {
        if (gh.dilation != 1 || gw.dilation != 1) {
            throw new IllegalArgumentException("polyphase planes need dilation 1");
        }
        this.gh = gh;
        this.gw = gw;
        this.sy = gh.stride;
        this.sx = gw.stride;
        int paddedH = (gh.out - 1) * sy + kh;
        int paddedW = (gw.out - 1) * sx + kw;
        this.rows = (paddedH + sy - 1) / sy;
        this.len = (paddedW + sx - 1) / sx;
        this.subSize = rows * len;
    }

    /** Floats that the sub-planes of one input plane take. */
    int planeFloats() {
        return sy * sx * subSize;
    }

    /** Elements of one dense input plane. */
    int inputPlane() {
        return gh.in * gw.in;
    }

    /** Elements of one dense output plane. */
    int outputPlane() {
        return gh.out * gw.out;
    }

    /** Floats of the accumulator of one output plane (its last run ends there). */
    int accumulatorLength() {
        return (gh.out - 1) * len + gw.out;
    }

    /** Where the run of tap {@code (ky, kx)} starts, relative to the plane's sub-planes. */
    int tapOffset(int ky, int kx) {
        return ((ky % sy) * sx + kx % sx) * subSize + (ky / sy) * len + kx / sx;
    }

    /** Writes every element of the sub-planes of the input plane at {@code src[s]} to {@code sub[d0]...}. */
    void fill(float[] src, int s, float[] sub, int d0) {
        int h = gh.in;
        int wd = gw.in;
        for (int ry = 0; ry < sy; ry++) {
            for (int rx = 0; rx < sx; rx++) {
                int base = d0 + (ry * sx + rx) * subSize;
                // columns j hold ix = j * sx + rx - padBegin; those inside [0, wd) are [jLo, jHi)
                int ix0 = rx - gw.padBegin;
                int jLo = Math.min(len, ix0 >= 0 ? 0 : (-ix0 + sx - 1) / sx);
                int jHi = Math.max(jLo, Math.min(len, wd - ix0 <= 0 ? 0 : (wd - ix0 - 1) / sx + 1));
                for (int i = 0; i < rows; i++) {
                    int iy = i * sy + ry - gh.padBegin;
                    int d = base + i * len;
                    if (iy < 0 || iy >= h) {
                        java.util.Arrays.fill(sub, d, d + len, 0f);
                        continue;
                    }
                    int row = s + iy * wd + ix0;
                    // the pads are a column or two: plain loops (Arrays.fill costs more than it writes here)
                    for (int j = 0; j < jLo; j++) {
                        sub[d + j] = 0f;
                    }
                    if (sx == 1 && jHi - jLo >= SHORT_ROW) {
                        System.arraycopy(src, row + jLo, sub, d + jLo, jHi - jLo);
                    } else if (sx == 1) {
                        for (int j = jLo; j < jHi; j++) {
                            sub[d + j] = src[row + j];
                        }
                    } else {
                        for (int j = jLo, ix = row + jLo * sx; j < jHi; j++, ix += sx) {
                            sub[d + j] = src[ix];
                        }
                    }
                    for (int j = jHi; j < len; j++) {
                        sub[d + j] = 0f;
                    }
                }
            }
        }
    }

    /** Copies the output rows of the accumulator at {@code acc[a]} to the dense plane at {@code out[o]}. */
    void copyOut(float[] acc, int a, float[] out, int o) {
        int ow = gw.out;
        for (int oy = 0; oy < gh.out; oy++) {
            if (ow >= SHORT_ROW) {
                System.arraycopy(acc, a + oy * len, out, o + oy * ow, ow);
            } else {
                for (int x = 0, from = a + oy * len, to = o + oy * ow; x < ow; x++) {
                    out[to + x] = acc[from + x];
                }
            }
        }
    }
}
