package org.pot4j.core.cascade;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/**
 * The ports a cascade's observer asks for in one stage, with the stage's own port names: a stage inference's observer
 * ({@link #rows}) passes each value on under the cascade-level port ({@code <stage>/<node>}), without the padding rows
 * of a fixed-batch stage.
 */
final class StagePorts {
    private final String stage;
    private final PortObserver cascade;
    private final Map<PortRef, Set<Reduction>> local;

    private StagePorts(String stage, PortObserver cascade, Map<PortRef, Set<Reduction>> local) {
        this.stage = stage;
        this.cascade = cascade;
        this.local = Collections.unmodifiableMap(local);
    }

    /**
     * The observer's ports by stage.
     *
     * @throws EngineException naming a port that names no stage of the cascade
     */
    static Map<String, StagePorts> split(PortObserver observer, Set<String> stages, String engine) {
        Map<String, Map<PortRef, Set<Reduction>>> byStage = new LinkedHashMap<>();
        observer.ports().forEach((port, reductions) -> {
            if (!CascadePorts.isQualified(port) || !stages.contains(CascadePorts.stage(port))) {
                throw new EngineException("engine '" + engine + "': port " + port + " names no stage of the cascade; "
                        + "cascade ports are <stage>" + CascadePorts.SEPARATOR + "<node> with a stage of " + stages);
            }
            byStage.computeIfAbsent(CascadePorts.stage(port), s -> new LinkedHashMap<>())
                    .put(CascadePorts.local(port), reductions);
        });
        Map<String, StagePorts> out = new LinkedHashMap<>();
        byStage.forEach((stage, local) -> out.put(stage, new StagePorts(stage, observer, local)));
        return out;
    }

    /** The observer of one stage inference, of which the first {@code valid} rows are real (the rest padding). */
    PortObserver rows(int valid) {
        return new PortObserver() {
            @Override
            public Map<PortRef, Set<Reduction>> ports() {
                return local;
            }

            @Override
            public void whole(PortRef port, Tensor value) {
                cascade.whole(CascadePorts.qualify(stage, port), firstRows(port, value, valid));
            }

            @Override
            public void reduced(PortRef port, Reduction reduction, Tensor value) {
                cascade.reduced(CascadePorts.qualify(stage, port), reduction, firstRows(port, value, valid));
            }
        };
    }

    private Tensor firstRows(PortRef port, Tensor value, int valid) {
        if (value.shape().rank() > 0 && value.shape().dim(0) == valid) {
            return value;
        }
        if (value.shape().rank() == 0 || value.shape().dim(0) < valid) {
            throw new EngineException("stage '" + stage + "': the value at " + port + " " + value.shape()
                    + " has no batch axis of at least " + valid + " rows");
        }
        return value.slice(0, valid);
    }
}
