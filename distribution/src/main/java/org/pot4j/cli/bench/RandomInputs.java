package org.pot4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** Seeded random inputs for every model input, at a given batch size: pixel-like values 0..255, zeros for integers. */
public final class RandomInputs {
    private RandomInputs() {
    }

    /**
     * One batch of inputs by input name.
     *
     * @throws ConfigurationException naming an input with a dynamic dimension other than the batch
     */
    public static Map<String, Tensor> forModel(Model model, int batch, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (Node parameter : model.graph().parameters()) {
            OutputPort port = parameter.output(0);
            long[] dims = port.shape().dims();
            if (dims.length > 0) {
                dims[0] = batch;
            }
            for (int i = 1; i < dims.length; i++) {
                if (dims[i] < 0) {
                    throw new ConfigurationException("", "input '" + parameter.name() + "' of model '" + model.name()
                            + "' has a dynamic dimension " + i + " " + port.shape() + "; give --data images instead");
                }
            }
            Shape shape = Shape.of(dims);
            if (port.elementType().isFloatingPoint()) {
                float[] values = new float[Math.toIntExact(shape.elementCount())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextFloat() * 255f;
                }
                inputs.put(parameter.name(), Tensor.fromFloats(port.elementType(), shape, values));
            } else {
                inputs.put(parameter.name(), Tensor.zeros(port.elementType(), shape));
            }
        }
        return inputs;
    }

    /** A data loader of one sample holding {@code inputs} as they are (engines need a loader to be created). */
    public static DataLoader loaderOf(Map<String, Tensor> inputs) {
        DataItem item = new DataItem(inputs, null, Map.of());
        return new DataLoader() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public DataItem get(int index) {
                if (index != 0) {
                    throw new IndexOutOfBoundsException(index);
                }
                return item;
            }

            @Override
            public String description() {
                return "random inputs";
            }
        };
    }
}
