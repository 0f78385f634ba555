package org.pot4j.engine.reference.ops;

import org.pot4j.engine.reference.gemm.PackedMatrix;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.runtime.Dims;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Convolution weights as {@code [G, OC/G, C/G, KH, KW]} (flat: output channel {@code o}'s window at
 * {@code o * C/G * KH * KW}), with the packed GEMM operand of each group unless the convolution is depthwise.
 */
final class ConvolutionWeights {
    final int groups;
    final int ocg;
    final int cg;
    final int kh;
    final int kw;
    /** The rank of the data (and output): 3 or 4. */
    final int rank;
    final float[] raw;
    final PackedMatrix[] packed;

    private ConvolutionWeights(int groups, int ocg, int cg, int kh, int kw, int rank, float[] raw, Sgemm sgemm) {
        this.groups = groups;
        this.ocg = ocg;
        this.cg = cg;
        this.kh = kh;
        this.kw = kw;
        this.rank = rank;
        this.raw = raw;
        if (depthwise()) {
            this.packed = null;
        } else {
            int k = window();
            this.packed = new PackedMatrix[groups];
            for (int g = 0; g < groups; g++) {
                packed[g] = sgemm.pack(raw, g * ocg * k, ocg, k, k);
            }
        }
    }

    /**
     * Reads Convolution weights {@code [OC,C,(KH,)KW]}, IR GroupConvolution weights {@code [G,OC/G,C/G,(KH,)KW]}, or
     * (when {@code onnxGroups > 0}) ONNX-shaped group weights {@code [OC,C/group,(KH,)KW]}.
     */
    static ConvolutionWeights of(Value w, boolean grouped, long onnxGroups, Sgemm sgemm) {
        int[] s = w.shape();
        int groups;
        int ocg;
        int cg;
        int spatialAt;
        if (grouped && onnxGroups > 0) {
            if (s.length != 3 && s.length != 4) {
                throw new IllegalArgumentException("GroupConvolution weights with group=" + onnxGroups
                        + " must be [OC,C/group,(KH,)KW], got " + Dims.format(s));
            }
            if (s[0] % onnxGroups != 0) {
                throw new IllegalArgumentException("GroupConvolution: " + s[0]
                        + " output channels are not divisible by group=" + onnxGroups);
            }
            groups = (int) onnxGroups;
            ocg = s[0] / groups;
            cg = s[1];
            spatialAt = 2;
        } else if (grouped) {
            if (s.length != 4 && s.length != 5) {
                throw new IllegalArgumentException("GroupConvolution weights must be [G,OC/G,C/G,(KH,)KW], got "
                        + Dims.format(s));
            }
            groups = s[0];
            ocg = s[1];
            cg = s[2];
            spatialAt = 3;
        } else {
            if (s.length != 3 && s.length != 4) {
                throw new IllegalArgumentException("Convolution weights must be [OC,C,(KH,)KW], got " + Dims.format(s));
            }
            groups = 1;
            ocg = s[0];
            cg = s[1];
            spatialAt = 2;
        }
        int kh = s.length - spatialAt == 2 ? s[spatialAt] : 1;
        return new ConvolutionWeights(groups, ocg, cg, kh, s[s.length - 1], s.length - spatialAt + 2, w.floats(),
                sgemm);
    }

    /** One input and one output channel per group. */
    boolean depthwise() {
        return cg == 1 && ocg == 1;
    }

    int outputChannels() {
        return groups * ocg;
    }

    /** The elements of one output channel's window: {@code C/G * KH * KW}. */
    int window() {
        return cg * kh * kw;
    }
}
