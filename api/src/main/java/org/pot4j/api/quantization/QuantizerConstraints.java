package org.pot4j.api.quantization;

import java.util.Objects;

/**
 * How the runtime a model's format is deployed on runs quantized ops, which algorithms respect when they place
 * quantizers and choose their schemes. Obtained with {@code model.extension(QuantizerConstraints.class)}; a model
 * without one takes POT's placement and schemes as they are ({@link #NONE}).
 *
 * @param perChannelActivations false when activation quantizers must be per tensor (ONNX Runtime's integer kernels
 *                              take one scale per activation tensor): an algorithm then derives the per-tensor form
 *                              of a per-channel scheme, as POT does when it intersects schemes
 * @param outputQuantizers      true when a quantized convolution runs as an integer kernel only if its output is
 *                              quantized too (ONNX Runtime's {@code DQ -> Conv -> Q} unit): an algorithm then also
 *                              quantizes the output of a quantized convolution whose consumers are not quantized
 * @param reason                why, in one sentence, for the log
 */
public record QuantizerConstraints(boolean perChannelActivations, boolean outputQuantizers, String reason) {
    /** No constraint. */
    public static final QuantizerConstraints NONE = new QuantizerConstraints(true, false, "");

    /**
     * Checks that a constraint comes with a reason.
     *
     * @param perChannelActivations false when activation quantizers must be per tensor
     * @param outputQuantizers      true when quantized convolutions need quantized outputs
     * @param reason                why; not null, and not blank when either flag constrains anything
     * @throws IllegalArgumentException when a constraint has a blank reason
     */
    public QuantizerConstraints {
        Objects.requireNonNull(reason, "reason");
        if ((!perChannelActivations || outputQuantizers) && reason.isBlank()) {
            throw new IllegalArgumentException("a constraint needs a reason");
        }
    }
}
