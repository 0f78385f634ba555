package org.pot4j.engine.ort;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.OutputPort;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;

/**
 * Which observed ports ONNX Runtime reduces in the graph and which it hands over whole: a port asking for reductions
 * gets them when its tensor is floating point and every reduction {@link Reduction#appliesToRank applies} to its
 * rank in the model's graph view (a custom op's output the view knows no shape of is rank 0: whole); otherwise, and
 * for ports asking for none, the whole tensor.
 */
final class OrtObservedPorts {
    private OrtObservedPorts() {
    }

    /** The ports of {@code observer}, each with the reductions computed in the graph (empty: whole). */
    static Map<PortRef, Set<Reduction>> plan(Model model, String description, PortObserver observer) {
        Map<PortRef, Set<Reduction>> plan = new LinkedHashMap<>();
        observer.ports().forEach((port, reductions) -> plan.put(port,
                reductions.isEmpty() || !reducible(info(model, description, port), reductions) ? Set.of()
                        : Collections.unmodifiableSet(new LinkedHashSet<>(reductions))));
        return Collections.unmodifiableMap(plan);
    }

    private static boolean reducible(OutputPort info, Set<Reduction> reductions) {
        if (!info.elementType().isFloatingPoint()) {
            return false;
        }
        int rank = info.shape().rank();
        return reductions.stream().allMatch(r -> r.appliesToRank(rank));
    }

    private static OutputPort info(Model model, String description, PortRef port) {
        try {
            return model.graph().outputPort(port);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new EngineException(description + ": " + port + " is observed but is not an output port of the model",
                    e);
        }
    }
}
