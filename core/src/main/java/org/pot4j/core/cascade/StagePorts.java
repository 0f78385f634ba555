package org.pot4j.core.cascade;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.Node;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * The ports a cascade's observer asks for in one stage, with the stage's own port names. The observer of a stage
 * inference ({@link #rows}) passes each value on under the cascade-level port ({@code <stage>/<node>}), one row at a
 * time so that every row the stage ran is one sample of the statistics, and never the padding rows of a fixed-batch
 * stage.
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
     * The observer's ports by stage; stages without observed ports are left out.
     *
     * @param stages the cascade's stages by name
     * @param engine the cascade engine's name, for errors
     * @throws EngineException naming a port that names no stage of the cascade, or no output port of its stage
     */
    static Map<String, StagePorts> split(PortObserver observer, Map<String, Model> stages, String engine) {
        Map<String, Map<PortRef, Set<Reduction>>> byStage = new LinkedHashMap<>();
        observer.ports().forEach((port, reductions) -> {
            if (!CascadePorts.isQualified(port) || !stages.containsKey(CascadePorts.stage(port))) {
                throw new EngineException("engine '" + engine + "': port " + port + " names no stage of the cascade; "
                        + "cascade ports are <stage>" + CascadePorts.SEPARATOR + "<node> with a stage of "
                        + stages.keySet());
            }
            String stage = CascadePorts.stage(port);
            PortRef local = CascadePorts.local(port);
            Node node = stages.get(stage).graph().node(local.node()).orElse(null);
            if (node == null || local.port() >= node.outputs().size()) {
                throw new EngineException("engine '" + engine + "': port " + port + " is not in the cascade: stage '"
                        + stage + "' has no output port " + local);
            }
            byStage.computeIfAbsent(stage, s -> new LinkedHashMap<>()).put(local, reductions);
        });
        Map<String, StagePorts> out = new LinkedHashMap<>();
        byStage.forEach((stage, local) -> out.put(stage, new StagePorts(stage, observer, local)));
        return out;
    }

    /** The stage's own ports, each with the reductions the cascade's observer asks for there. */
    Map<PortRef, Set<Reduction>> ports() {
        return local;
    }

    /**
     * The observer of one stage inference of {@code batch} rows, of which the first {@code valid} are real and the rest
     * padding. A value whose axis 0 is not the batch (a reshape to a flat vector) cannot be split into rows and is
     * passed on whole.
     */
    PortObserver rows(int valid, int batch) {
        if (valid < 1 || valid > batch) {
            throw new IllegalArgumentException(valid + " valid rows of a batch of " + batch);
        }
        return new PortObserver() {
            @Override
            public Map<PortRef, Set<Reduction>> ports() {
                return local;
            }

            @Override
            public void whole(PortRef port, Tensor value) {
                PortRef qualified = CascadePorts.qualify(stage, port);
                if (!hasBatchAxis(value, batch)) {
                    cascade.whole(qualified, value);
                    return;
                }
                for (int r = 0; r < valid; r++) {
                    cascade.whole(qualified, value.slice(r, r + 1));
                }
            }

            @Override
            public void reduced(PortRef port, Reduction reduction, Tensor value) {
                PortRef qualified = CascadePorts.qualify(stage, port);
                if (!hasBatchAxis(value, batch)) {
                    throw new EngineException("stage '" + stage + "': the " + reduction + " at " + port + " is "
                            + value.shape() + ", not one value per row of the batch of " + batch);
                }
                for (int r = 0; r < valid; r++) {
                    cascade.reduced(qualified, reduction, value.slice(r, r + 1));
                }
            }
        };
    }

    private static boolean hasBatchAxis(Tensor value, int batch) {
        return value.shape().rank() > 0 && value.shape().dim(0) == batch;
    }
}
