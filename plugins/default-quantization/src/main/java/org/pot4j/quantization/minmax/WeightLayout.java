package org.pot4j.quantization.minmax;

import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/**
 * Where the output channels of an op's weights are (POT_SPEC §6.2, §8.5): axis 0 for convolutions ([Cout, Cin, k..]),
 * axes 0 and 1 together for 5-D GroupConvolution weights ([G, Cout/G, Cin/G, k..], which POT reads as a
 * Convolution with [Cout, ...]), axis 1 for ConvolutionBackpropData ([Cin, Cout, ...]) and the output-feature
 * axis of MatMul weights (last, or second to last with {@code transpose_b}); GroupConvolutionBackpropData weights,
 * whose output channels are no single axis, are quantized per tensor.
 *
 * @param axis     the first channel axis
 * @param axes     how many consecutive axes make the channel (2 for grouped weights, else 1)
 * @param channels the number of channels
 */
public record WeightLayout(int axis, int axes, int channels) {
    /** The layout of {@code weights} at input {@code port} of {@code op}. */
    public static WeightLayout of(Node op, int port, Shape weights) {
        int rank = weights.rank();
        if (rank == 0) {
            return new WeightLayout(0, 0, 1);
        }
        String kind = op.kind();
        // IR keeps grouped weights as [G, Cout/G, ...]; ONNX as [Cout, Cin/G, ...] with a 'group' attribute
        if (OpKinds.GROUP_CONVOLUTION.equals(kind) && rank >= 3 && !op.attributes().has("group")) {
            return new WeightLayout(0, 2, (int) (weights.dim(0) * weights.dim(1)));
        }
        if (OpKinds.GROUP_CONVOLUTION_BACKPROP_DATA.equals(kind)) {
            // output channel g * Cout/G + j sits on two axes that are not adjacent ([G, Cin/G, Cout/G, ..] in IR) or
            // is not an axis at all ([Cin, Cout/G, ..] from ONNX): one range for the whole tensor
            return new WeightLayout(0, 0, 1);
        }
        if (OpKinds.CONVOLUTION_BACKPROP_DATA.equals(kind) && rank >= 2) {
            return at(1, weights);
        }
        if (OpKinds.MAT_MUL.equals(kind) && port == 1) {
            if (rank == 1) {
                return new WeightLayout(0, 0, 1);
            }
            boolean transposed = op.attributes().booleanValue("transpose_b", false);
            return at(transposed ? rank - 2 : rank - 1, weights);
        }
        return at(0, weights);
    }

    private static WeightLayout at(int axis, Shape weights) {
        return new WeightLayout(axis, 1, (int) weights.dim(axis));
    }

    /** True when the weights have no channel axis (a scalar or a MatMul vector). */
    public boolean perTensorOnly() {
        return axes == 0;
    }

    /** The weights as [channels, rest], channels first (a copy when the channel axis is not already first). */
    public Tensor channelMajor(Tensor weights) {
        if (perTensorOnly()) {
            return weights.reshape(Shape.of(1, weights.elementCount()));
        }
        long[] dims = weights.shape().dims();
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= dims[i];
        }
        long inner = weights.elementCount() / outer / channels;
        if (outer == 1) {
            return weights.reshape(Shape.of(channels, inner));
        }
        float[] in = weights.toFloatArray();
        float[] out = new float[in.length];
        int k = 0;
        for (int c = 0; c < channels; c++) {
            for (long o = 0; o < outer; o++) {
                for (long i = 0; i < inner; i++) {
                    out[k++] = in[(int) ((o * channels + c) * inner + i)];
                }
            }
        }
        return Tensor.ofFloats(Shape.of(channels, outer * inner), out);
    }

    /** The shape of per-channel range constants: ones, with the channel dimension(s) kept. */
    public Shape rangeShape(Shape weights) {
        long[] dims = new long[weights.rank()];
        java.util.Arrays.fill(dims, 1);
        for (int i = axis; i < axis + axes; i++) {
            dims[i] = weights.dim(i);
        }
        return Shape.of(dims);
    }
}
