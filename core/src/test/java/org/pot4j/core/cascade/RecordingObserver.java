package org.pot4j.core.cascade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;

/** A hand-written {@link PortObserver}: asks for fixed ports and records every call in order, values copied. */
final class RecordingObserver implements PortObserver {
    /** One observer call; {@code reduction} is null for a whole value. */
    record Call(PortRef port, Reduction reduction, Shape shape, float[] values) {
    }

    private final Map<PortRef, Set<Reduction>> ports;
    final List<Call> calls = new ArrayList<>();

    RecordingObserver(Map<PortRef, Set<Reduction>> ports) {
        this.ports = ports;
    }

    @Override
    public Map<PortRef, Set<Reduction>> ports() {
        return ports;
    }

    @Override
    public void whole(PortRef port, Tensor value) {
        calls.add(new Call(port, null, value.shape(), value.toFloatArray()));
    }

    @Override
    public void reduced(PortRef port, Reduction reduction, Tensor value) {
        calls.add(new Call(port, reduction, value.shape(), value.toFloatArray()));
    }
}
