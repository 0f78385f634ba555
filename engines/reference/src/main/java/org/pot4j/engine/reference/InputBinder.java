package org.pot4j.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pot4j.api.data.DataItem;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.engine.reference.plan.CompiledGraph;
import org.pot4j.engine.reference.runtime.Value;

/**
 * Matches tensors given by name to the model inputs: a name is a Parameter's node name or one of its tensor names,
 * {@link DataItem#UNNAMED} fits a single-input model. Checks rank and the static dims past the batch axis, so a
 * wrong input fails naming it instead of deep in a kernel.
 */
final class InputBinder {
    private final List<CompiledGraph.Input> inputs;

    InputBinder(List<CompiledGraph.Input> inputs) {
        this.inputs = inputs;
    }

    /** The index of the model input called {@code name}. */
    int indexOf(String name) {
        if (DataItem.UNNAMED.equals(name)) {
            if (inputs.size() != 1) {
                throw new EngineException("an unnamed input was given but the model has " + inputs.size()
                        + " inputs " + names());
            }
            return 0;
        }
        for (int i = 0; i < inputs.size(); i++) {
            Node n = inputs.get(i).node();
            if (n.name().equals(name) || n.output(0).tensorNames().contains(name)) {
                return i;
            }
        }
        throw new EngineException("input '" + name + "' is not an input of the model; its inputs are " + names());
    }

    /** Values in model-input order from tensors by name. */
    Value[] bind(Map<String, Tensor> given) {
        Value[] out = new Value[inputs.size()];
        for (Map.Entry<String, Tensor> e : given.entrySet()) {
            int i = indexOf(e.getKey());
            if (out[i] != null) {
                throw new EngineException("input '" + e.getKey() + "' was given twice");
            }
            check(i, e.getKey(), e.getValue().shape());
            out[i] = Value.of(e.getValue());
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                missing.add(inputs.get(i).node().name());
            }
        }
        if (!missing.isEmpty()) {
            throw new EngineException("model inputs " + missing + " were not given (got " + given.keySet() + ")");
        }
        return out;
    }

    /** The shape a model input declares. */
    Shape declared(int i) {
        return inputs.get(i).node().output(0).shape();
    }

    private void check(int i, String name, Shape actual) {
        Shape want = declared(i);
        boolean ok = want.rank() == actual.rank();
        for (int d = 1; ok && d < want.rank(); d++) {
            ok = want.dim(d) == Shape.DYNAMIC || want.dim(d) == actual.dim(d);
        }
        if (!ok) {
            throw new EngineException("input '" + name + "' has shape " + actual + " but model input '"
                    + inputs.get(i).node().name() + "' expects " + want + " (any batch size)");
        }
    }

    private List<String> names() {
        List<String> n = new ArrayList<>();
        for (CompiledGraph.Input in : inputs) {
            n.add(in.node().name());
        }
        return n;
    }
}
