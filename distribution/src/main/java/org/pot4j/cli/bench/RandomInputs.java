package org.pot4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.cli.run.InputShapes;

/** Seeded random inputs for every model input, at a given batch size: pixel-like values 0..255, zeros for integers. */
public final class RandomInputs {
    private RandomInputs() {
    }

    /**
     * One batch for the inputs as the command line feeds them (every dimension past the batch known).
     *
     * @throws org.pot4j.cli.run.BadCommandLineException when the batch would exceed
     *                                                   {@link InputShapes#MAX_ELEMENTS} elements
     */
    public static Map<String, Tensor> forInputs(List<InputShapes.Input> inputs, int batch, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (InputShapes.Input in : inputs) {
            long[] dims = in.shape().dims();
            if (dims.length > 0) {
                dims[0] = batch;
            }
            Shape shape = Shape.of(dims);
            InputShapes.checkSize(in.name(), shape, "a batch of " + batch);
            if (in.type().isFloatingPoint()) {
                float[] values = new float[Math.toIntExact(shape.elementCount())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextFloat() * 255f;
                }
                out.put(in.name(), Tensor.fromFloats(in.type(), shape, values));
            } else {
                out.put(in.name(), Tensor.zeros(in.type(), shape));
            }
        }
        return out;
    }
}
