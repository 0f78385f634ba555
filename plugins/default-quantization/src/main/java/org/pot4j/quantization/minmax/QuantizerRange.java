package org.pot4j.quantization.minmax;

import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.quantization.range.QuantizationRange;

/**
 * The four range constants of one FakeQuantize, in the shape they are written with (POT_SPEC §8.5).
 *
 * @param input  {@code input_low}/{@code input_high}
 * @param output {@code output_low}/{@code output_high} (differs from input only for saturation-fixed weights)
 * @param shape  scalar, or ones with the channel dimension(s) kept
 * @param levels the number of levels
 */
public record QuantizerRange(QuantizationRange input, QuantizationRange output, Shape shape, long levels) {
    public Tensor inputLow() {
        return tensor(input.low());
    }

    public Tensor inputHigh() {
        return tensor(input.high());
    }

    public Tensor outputLow() {
        return tensor(output.low());
    }

    public Tensor outputHigh() {
        return tensor(output.high());
    }

    private Tensor tensor(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return Tensor.ofFloats(shape, f);
    }
}
