package org.pot4j.engine.reference.ops;

import java.util.Optional;
import org.pot4j.api.graph.Graph;
import org.pot4j.engine.reference.gemm.Sgemm;
import org.pot4j.engine.reference.runtime.Value;

/** What a kernel factory may know at compile time. */
public interface CompileContext {
    /** The value of input {@code port} when it is a constant (folded), else empty. */
    Optional<Value> constantInput(int port);

    /** Whether any node reads output {@code port} of this node (MaxPool-8 skips its indices when nobody does). */
    default boolean outputUsed(int port) {
        return true;
    }

    /**
     * The graph being compiled, for kernels that read the nodes around theirs (the GNA engine reads the
     * FakeQuantize ranges in front of a MatMul); empty where there is none.
     */
    default Optional<Graph> graph() {
        return Optional.empty();
    }

    /** The matrix multiply the kernels will run with. */
    Sgemm sgemm();
}
