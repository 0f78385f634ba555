package org.pot4j.quantization.alignment;

import java.util.Optional;
import org.pot4j.api.graph.PortRef;

/**
 * A linear chain ActivationChannelAlignment edits: {@code nodeIn} (Convolution or MatMul, with an optional bias Add)
 * feeding {@code nodeOut} (a Convolution of group 1, no padding, strides and dilations 1) through a tensor nothing
 * else reads.
 *
 * @param nodeIn      the producing op
 * @param weightsIn   its weights input
 * @param biasIn      the constant added to its output, when there is a bias Add
 * @param nodeOut     the consuming convolution
 * @param weightsOut  its weights input
 * @param biasOut     the constant added to its output, when there is a bias Add
 * @param activations the tensor between them (after {@code nodeIn}'s bias): where the channel ranges are collected
 */
public record AlignmentPair(String nodeIn, PortRef weightsIn, Optional<PortRef> biasIn, String nodeOut,
                            PortRef weightsOut, Optional<PortRef> biasOut, PortRef activations) {
}
