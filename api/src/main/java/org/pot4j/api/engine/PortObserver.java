package org.pot4j.api.engine;

import java.util.Map;
import java.util.Set;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/**
 * Sees the tensors at chosen ports of one inference ({@link Engine#infer(Map, PortObserver)}). For each port of
 * {@link #ports()} and each inference the engine makes exactly one of these calls:
 * <ul>
 * <li>{@link #reduced} once per requested {@link Reduction}, when the port asks for reductions, the engine can compute
 *     them in the runtime and {@link Reduction#appliesToRank} holds for the port's rank; or</li>
 * <li>{@link #whole} with the port's value.</li>
 * </ul>
 * Values carry the batch on axis 0. Observers may not keep a whole value beyond the call (engines may reuse its
 * memory); calls come from the thread that called {@code infer}.
 */
public interface PortObserver {
    /** Observes nothing. */
    PortObserver NONE = new PortObserver() {
        @Override
        public Map<PortRef, Set<Reduction>> ports() {
            return Map.of();
        }

        @Override
        public void whole(PortRef port, Tensor value) {
        }

        @Override
        public void reduced(PortRef port, Reduction reduction, Tensor value) {
        }
    };

    /**
     * The ports to observe, each with the reductions the observer takes instead of the whole value (empty: the whole
     * value). The same map for every inference of a pass, so an engine may prepare once for it.
     *
     * @return each port to observe with the reductions wanted there
     */
    Map<PortRef, Set<Reduction>> ports();

    /**
     * Receives the whole value of a port.
     *
     * @param port  the observed port
     * @param value its tensor, batch on axis 0; valid only during the call
     */
    void whole(PortRef port, Tensor value);

    /**
     * Receives one reduction of a port's value, computed in the runtime.
     *
     * @param port      the observed port
     * @param reduction one of the reductions {@link #ports()} asked for at it
     * @param value     the reduced values: {@code [N]} per tensor, {@code [N, C]} per channel
     */
    void reduced(PortRef port, Reduction reduction, Tensor value);
}
