package org.pot4j.core.compression;

/**
 * Weights stored as integers with a per-channel dequantization {@code W = (q - zeroPoint) * scale}.
 *
 * @param values    the integer weights, in the original element order (int8 range)
 * @param scale     per output channel (or one value)
 * @param zeroPoint per output channel (or one value); all zero when {@link #needsSubtract()} is false
 * @param needsSubtract false when the zero point is zero or was folded into the values (no Subtract node)
 */
public record CompressedWeights(byte[] values, float[] scale, float[] zeroPoint, boolean needsSubtract) {
    /** The dequantized value of element {@code i}, which belongs to channel {@code channel}. */
    public float dequantize(int i, int channel) {
        int c = scale.length == 1 ? 0 : channel;
        return (values[i] - (needsSubtract ? zeroPoint[c] : 0f)) * scale[c];
    }
}
