package org.pot4j.engine.reference.ops;

import java.util.Optional;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OpKinds;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Which consumers of a convolution or MatMul output fold into its {@link FusedEpilogue}: for convolutions one
 * Multiply by a per-channel constant or one BatchNormInference with constant parameters; one Add of a constant that
 * varies only along the channel axis (convolutions: axis 1; MatMul: the last axis), then one ReLU, Clamp or PReLU
 * (constant slope per channel or scalar; MatMul: scalar only). The plan compiler decides whether the intermediate
 * values may disappear (single reader, not a model output, no statistic requested).
 */
public final class EpilogueFusion {
    private EpilogueFusion() {
    }

    /**
     * The epilogue extended by {@code consumer}, or empty when it cannot be fused.
     *
     * @param current      the epilogue so far (null: none yet)
     * @param consumer     the node reading the producer's output
     * @param producerPort the input port of {@code consumer} the producer's output arrives at
     * @param constants    the consumer's inputs when constant (null entries elsewhere)
     * @param producer     the kernel whose output is fused into
     */
    public static Optional<FusedEpilogue> extend(FusedEpilogue current, Node consumer, int producerPort,
                                                 Value[] constants, FusableKernel producer) {
        FusedEpilogue e = current == null ? FusedEpilogue.none() : current;
        int rank = producer.outputRank();
        int channels = producer.outputChannels();
        if (rank < 2 || channels < 1 || e.hasActivation()) {
            return Optional.empty();
        }
        String kind = consumer.kind();
        switch (kind) {
            case OpKinds.ADD: {
                Value other = constants.length == 2 ? constants[1 - producerPort] : null;
                if (e.hasBias() || other == null || !other.isFloat() || !autoBroadcastNumpy(consumer)) {
                    return Optional.empty();
                }
                return channelValues(other, rank, producer.perColumn(), channels).map(b -> e.withBias(b, kind));
            }
            case OpKinds.MULTIPLY: {
                Value other = constants.length == 2 ? constants[1 - producerPort] : null;
                if (producer.perColumn() || e.hasScale() || e.hasBias() || other == null || !other.isFloat()
                        || !autoBroadcastNumpy(consumer)) {
                    return Optional.empty();
                }
                return channelValues(other, rank, false, channels).map(m -> e.withScale(m, null, kind));
            }
            case OpKinds.BATCH_NORM:
                if (producer.perColumn() || e.hasScale() || e.hasBias()) {
                    return Optional.empty();
                }
                return batchNorm(consumer, producerPort, constants, channels).map(sb -> e.withScale(sb[0], sb[1], kind));
            case OpKinds.RELU:
                return Optional.of(e.withClamp(0f, Float.POSITIVE_INFINITY, kind));
            case OpKinds.CLAMP: {
                NodeAttributes at = new NodeAttributes(consumer);
                float lo = (float) at.doubleValue("min", Double.NEGATIVE_INFINITY);
                float hi = (float) at.doubleValue("max", Double.POSITIVE_INFINITY);
                return lo > hi ? Optional.empty() : Optional.of(e.withClamp(lo, hi, kind));
            }
            case OpKinds.PRELU: {
                Value slope = constants.length == 2 ? constants[1] : null;
                if (producerPort != 0 || slope == null || !slope.isFloat()) {
                    return Optional.empty();
                }
                if (slope.size() == 1) {
                    return Optional.of(e.withPrelu(slope.floats(), kind));
                }
                if (producer.perColumn()) {
                    return Optional.empty();
                }
                // PReLU's per-channel rule: a 1-D slope as long as the channels; otherwise numpy on axis 1 only
                if (slope.rank() == 1) {
                    return slope.size() == channels ? Optional.of(e.withPrelu(slope.floats(), kind)) : Optional.empty();
                }
                return channelValues(slope, rank, false, channels).map(s -> e.withPrelu(s, kind));
            }
            default:
                return Optional.empty();
        }
    }

    /**
     * BatchNormInference as {@code x * scale + shift} per channel, computed exactly as the unfused kernel does
     * ({@code scale = gamma / sqrt(var + eps)}, {@code shift = beta - mean * scale}, in f32). Opset 5 has the data
     * first, opset 1 third.
     */
    private static Optional<float[][]> batchNorm(Node node, int producerPort, Value[] c, int channels) {
        if (c.length != 5) {
            return Optional.empty();
        }
        int gammaAt;
        int betaAt;
        if (producerPort == 0) {
            gammaAt = 1;
            betaAt = 2;
        } else if (producerPort == 2) {
            gammaAt = 0;
            betaAt = 1;
        } else {
            return Optional.empty();
        }
        int[] at = {gammaAt, betaAt, 3, 4};
        for (int i : at) {
            if (c[i] == null || !c[i].isFloat() || c[i].rank() != 1 || c[i].size() != channels) {
                return Optional.empty();
            }
        }
        float eps = (float) new NodeAttributes(node).doubleValue("epsilon", 1e-5);
        float[] gamma = c[gammaAt].floats();
        float[] beta = c[betaAt].floats();
        float[] mean = c[3].floats();
        float[] var = c[4].floats();
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            scale[ch] = gamma[ch] / (float) Math.sqrt(var[ch] + eps);
            shift[ch] = beta[ch] - mean[ch] * scale[ch];
        }
        return Optional.of(new float[][] {scale, shift});
    }

    private static boolean autoBroadcastNumpy(Node n) {
        return new NodeAttributes(n).string("auto_broadcast", "numpy").equals("numpy");
    }

    /**
     * The values of a constant that, broadcast against an output of rank {@code rank}, varies along the channel axis
     * only (or not at all), has 1 or {@code channels} values and leaves the output shape unchanged; empty
     * otherwise.
     */
    private static Optional<float[]> channelValues(Value v, int rank, boolean lastAxis, int channels) {
        int[] s = v.shape();
        if (s.length > rank || (v.size() != 1 && v.size() != channels)) {
            return Optional.empty();
        }
        int channelAxis = lastAxis ? rank - 1 : 1;
        for (int i = 0; i < s.length; i++) {
            int outAxis = i + rank - s.length;
            if (outAxis != channelAxis && s[i] != 1) {
                return Optional.empty();
            }
        }
        return Optional.of(v.floats());
    }
}
