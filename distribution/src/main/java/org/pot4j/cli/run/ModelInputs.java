package org.pot4j.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Shape;

/** The model input an image loader feeds. */
public final class ModelInputs {
    private ModelInputs() {
    }

    /**
     * The single input of {@code model}.
     *
     * @throws ConfigurationException when the model has no input or several (the image loader feeds one)
     */
    public static Node single(Model model) {
        List<Node> inputs = model.graph().parameters();
        if (inputs.size() != 1) {
            throw new ConfigurationException("", "model '" + model.name() + "' has " + inputs.size()
                    + " inputs (" + inputs.stream().map(Node::name).collect(Collectors.joining(", "))
                    + "); images can feed a model with exactly one input");
        }
        return inputs.get(0);
    }

    /** The shape of the single input as the image loader's {@code input_shape}: -1 for a dynamic dimension. */
    public static List<Long> inputShape(Model model) {
        Shape shape = single(model).output(0).shape();
        List<Long> dims = new ArrayList<>();
        for (long d : shape.dims()) {
            dims.add(d < 0 ? -1L : d);
        }
        return dims;
    }
}
