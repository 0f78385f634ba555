package org.pot4j.api.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.graph.PortRef;

/**
 * A model as one self-contained document of its format, for an engine whose runtime reads that format itself (ONNX
 * Runtime reads ONNX). A format offers it through {@link Model#extension(Class) Model.extension(SerializedModel.class)},
 * so the engine needs none of the format plugin's classes and the two may live in different class loaders (PF4J,
 * OSGi).
 *
 * <p>Implementations take a snapshot when they are made: later edits of the model do not change the bytes. The copies
 * are new documents; the model is never changed.
 */
public interface SerializedModel {
    /** {@return what the model is called in messages: its file where known} */
    String description();

    /** {@return the name of the format of {@link #bytes()} ({@code "onnx"})} */
    String format();

    /**
     * The document, with everything it refers to inside it (no external data files). The array is shared: callers
     * must not change it.
     *
     * @return the document's bytes
     */
    byte[] bytes();

    /**
     * A copy whose outputs also carry the observed ports: each port's whole tensor when its set is empty, otherwise
     * one output per reduction, computed inside the document's graph (see {@link Reduction} for the axes). Callers
     * ask only for reductions that {@link Reduction#appliesToRank apply} to the port's rank. A port whose reductions
     * the format cannot all compute in the graph (a quantile over axes of unknown size) gets one whole output instead.
     *
     * @param ports the ports with the reductions wanted there (empty: the whole tensor)
     * @return the new document and which of its outputs carries which port
     * @throws IllegalArgumentException naming a port the document has no tensor for
     * @throws UnsupportedOperationException when the format cannot add outputs
     */
    default ObservedCopy withObservedPorts(Map<PortRef, Set<Reduction>> ports) {
        throw new UnsupportedOperationException(description() + ": format '" + format() + "' cannot add outputs for "
                + "observed ports");
    }

    /**
     * A copy whose inputs and outputs take any size on axis 0, for a model exported at a fixed batch; a fixed batch
     * hidden elsewhere in the graph is left as it is (the runtime names it when it fails).
     *
     * @return the new document
     * @throws UnsupportedOperationException when the format has no such copy
     */
    default SerializedModel withSymbolicBatch() {
        throw new UnsupportedOperationException(description() + ": format '" + format() + "' has no copy with a "
                + "symbolic batch");
    }

    /**
     * A document with outputs for observed ports.
     *
     * @param bytes   the document (shared: callers must not change it)
     * @param outputs which output carries which port, whole or reduced; the model's own outputs are not listed unless
     *                a port is observed at one
     */
    record ObservedCopy(byte[] bytes, List<ObservedOutput> outputs) {
        /**
         * Checks the document and copies the output list.
         *
         * @param bytes   the document, not null
         * @param outputs the observed outputs; copied
         */
        public ObservedCopy {
            Objects.requireNonNull(bytes, "bytes");
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * One output of an {@link ObservedCopy}.
     *
     * @param output    the output's name in the document
     * @param port      the observed port
     * @param reduction the reduction the output holds, or empty for the port's whole tensor
     */
    record ObservedOutput(String output, PortRef port, Optional<Reduction> reduction) {
        /**
         * Checks that no component is null.
         *
         * @param output    the output's name in the document
         * @param port      the observed port
         * @param reduction the reduction, or empty for the whole tensor
         */
        public ObservedOutput {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(port, "port");
            Objects.requireNonNull(reduction, "reduction");
        }

        /** {@return whether the output is the port's whole tensor} */
        public boolean isWhole() {
            return reduction.isEmpty();
        }
    }
}
