/**
 * ActivationChannelAlignment (POT_SPEC §7): the pairs of linear convolution chains it edits
 * ({@link org.pot4j.quantization.alignment.AlignmentPair}), the channel quantiles it needs, and the weight and bias
 * edits ({@link org.pot4j.quantization.alignment.ChannelAlignment}).
 */
package org.pot4j.quantization.alignment;
