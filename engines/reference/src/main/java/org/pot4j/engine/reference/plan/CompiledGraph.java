package org.pot4j.engine.reference.plan;

import java.util.List;
import java.util.Map;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.engine.reference.runtime.Value;

/**
 * A graph ready to run: the steps in topological order, the value slot of every output port, constants (folded at
 * compile time), the model inputs and the named model outputs.
 */
public final class CompiledGraph {
    /** A model input: the Parameter node and its slot. */
    public record Input(Node node, int slot) {
    }

    /**
     * A model output: the name infer() reports it by, the Result node, the slot it reads and the element type the
     * graph declares for it (integer results are reported in that type, e.g. QuantizeLinear's u8).
     */
    public record Output(String name, Node result, int slot, ElementType declaredType) {
    }

    final List<Step> steps;
    final Map<PortRef, Integer> slots;
    final Value[] constants;
    final List<Input> inputs;
    final List<Output> outputs;
    final List<Fusion> fusions;

    CompiledGraph(List<Step> steps, Map<PortRef, Integer> slots, Value[] constants, List<Input> inputs,
                  List<Output> outputs, List<Fusion> fusions) {
        this.fusions = fusions;
        this.steps = steps;
        this.slots = slots;
        this.constants = constants;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public List<Input> inputs() {
        return inputs;
    }

    public List<Output> outputs() {
        return outputs;
    }

    /** The slot of an output port, or -1 when the graph has no such port. */
    public int slot(PortRef port) {
        Integer s = slots.get(port);
        return s == null ? -1 : s;
    }

    public int slotCount() {
        return constants.length;
    }

    /** The number of fusion candidates (convolution/MatMul chains that may run as one step). */
    public int fusionCount() {
        return fusions.size();
    }

    /** The number of nodes that run per inference (constants folded away). */
    public int stepCount() {
        return steps.size();
    }
}
