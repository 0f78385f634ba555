package org.pot4j.ir.document;

/**
 * A connection from an output of one layer to an input of another. Ports are addressed by their index in the
 * layer's output or input list, not by the IR port id, so edits never have to renumber edges; the writer assigns
 * the ids (POT_SPEC §11).
 *
 * @param fromLayer   the producing layer's id
 * @param fromOutput  the index of the producer's output port
 * @param toLayer     the consuming layer's id
 * @param toInput     the index of the consumer's input port
 */
public record IrEdge(int fromLayer, int fromOutput, int toLayer, int toInput) {
    public IrEdge {
        if (fromOutput < 0 || toInput < 0) {
            throw new IllegalArgumentException("negative port index in edge " + fromLayer + ":" + fromOutput + " -> "
                    + toLayer + ":" + toInput);
        }
    }

    @Override
    public String toString() {
        return fromLayer + ".out" + fromOutput + " -> " + toLayer + ".in" + toInput;
    }
}
