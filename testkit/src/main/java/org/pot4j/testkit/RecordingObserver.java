package org.pot4j.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/** A {@link PortObserver} for tests: asks for fixed ports and reductions, and records every call (values copied). */
public final class RecordingObserver implements PortObserver {
    private final Map<PortRef, Set<Reduction>> ports;
    private final Map<PortRef, List<Tensor>> whole = new LinkedHashMap<>();
    private final Map<PortRef, Map<Reduction, List<Tensor>>> reduced = new LinkedHashMap<>();

    public RecordingObserver(Map<PortRef, Set<Reduction>> ports) {
        this.ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }

    /** Observes {@code port} whole. */
    public static RecordingObserver whole(PortRef port) {
        return new RecordingObserver(Map.of(port, Set.of()));
    }

    @Override
    public Map<PortRef, Set<Reduction>> ports() {
        return ports;
    }

    @Override
    public void whole(PortRef port, Tensor value) {
        whole.computeIfAbsent(port, p -> new ArrayList<>()).add(copy(value));
    }

    @Override
    public void reduced(PortRef port, Reduction reduction, Tensor value) {
        reduced.computeIfAbsent(port, p -> new LinkedHashMap<>()).computeIfAbsent(reduction, r -> new ArrayList<>())
                .add(copy(value));
    }

    /** The whole values seen at {@code port}, in order. */
    public List<Tensor> wholeAt(PortRef port) {
        return whole.getOrDefault(port, List.of());
    }

    /** The values of {@code reduction} seen at {@code port}, in order. */
    public List<Tensor> reducedAt(PortRef port, Reduction reduction) {
        return reduced.getOrDefault(port, Map.of()).getOrDefault(reduction, List.of());
    }

    private static Tensor copy(Tensor t) {
        return Tensor.fromFloats(org.pot4j.api.tensor.ElementType.F32, t.shape(), t.toFloatArray());
    }
}
