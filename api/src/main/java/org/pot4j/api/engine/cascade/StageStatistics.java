package org.pot4j.api.engine.cascade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.model.Model;
import org.pot4j.api.tensor.Tensor;

/**
 * The accumulators of one cascade predict pass, one per requested statistic, alive for the whole pass so that every
 * stage inference of every sample feeds the same ones. Delegate engines see {@link Forwarding} statistics whose
 * fresh accumulators pass each row on to these.
 */
final class StageStatistics {
    private final Map<PortRef, Map<String, Statistic.Accumulator>> byQualifiedPort = new LinkedHashMap<>();
    private final Map<String, Map<PortRef, Map<String, Statistic.Accumulator>>> byStage = new LinkedHashMap<>();

    private StageStatistics() {
    }

    /**
     * Accumulators for {@code request}, whose ports must be qualified with a stage of {@code stages} and name an
     * output port of that stage's graph.
     *
     * @throws EngineException naming the port and what is wrong with it
     */
    static StageStatistics create(StatisticsRequest request, Map<String, Model> stages, String engine) {
        StageStatistics s = new StageStatistics();
        for (PortRef port : request.ports()) {
            if (!CascadePorts.isQualified(port)) {
                throw new EngineException("engine '" + engine + "': statistics requested at " + port
                        + ", which names no stage; cascade ports are <stage>" + CascadePorts.SEPARATOR
                        + "<node> with stages " + stages.keySet());
            }
            String stage = CascadePorts.stage(port);
            Model model = stages.get(stage);
            if (model == null) {
                throw new EngineException("engine '" + engine + "': statistics requested at " + port + ", but the "
                        + "cascade has no stage '" + stage + "' (stages: " + stages.keySet() + ")");
            }
            PortRef local = CascadePorts.local(port);
            var node = model.graph().node(local.node());
            if (node.isEmpty() || local.port() >= node.get().outputs().size()) {
                throw new EngineException("engine '" + engine + "': statistics requested at " + port + ", but stage '"
                        + stage + "' has no output port " + local);
            }
            Map<String, Statistic.Accumulator> named = new LinkedHashMap<>();
            for (Statistic st : request.at(port)) {
                named.put(st.name(), st.newAccumulator());
            }
            s.byQualifiedPort.put(port, named);
            s.byStage.computeIfAbsent(stage, k -> new LinkedHashMap<>()).put(local, named);
        }
        return s;
    }

    /** No statistics. */
    static StageStatistics none() {
        return new StageStatistics();
    }

    /** The accumulators of {@code stage} by local port and statistic name; empty when it has none. */
    Map<PortRef, Map<String, Statistic.Accumulator>> forStage(String stage) {
        return byStage.getOrDefault(stage, Map.of());
    }

    /** The result of every accumulator, by qualified port. */
    CollectedStatistics results() {
        Map<PortRef, Map<String, Tensor>> out = new LinkedHashMap<>();
        byQualifiedPort.forEach((port, named) -> {
            Map<String, Tensor> values = new LinkedHashMap<>();
            named.forEach((name, acc) -> values.put(name, acc.result()));
            out.put(port, values);
        });
        return new CollectedStatistics(out);
    }

    /**
     * What a delegate engine is asked to compute at a stage port for one inference: its accumulators hand the first
     * {@code validRows} rows of the batch, one row at a time, to the pass-wide accumulator.
     */
    static final class Forwarding implements Statistic {
        private final String name;
        private final Statistic.Accumulator target;
        private final int validRows;
        private final int batchRows;

        Forwarding(String name, Statistic.Accumulator target, int validRows, int batchRows) {
            this.name = name;
            this.target = target;
            this.validRows = validRows;
            this.batchRows = batchRows;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Accumulator newAccumulator() {
            return new Accumulator() {
                @Override
                public void accept(Tensor batch) {
                    // a tensor whose axis 0 is not the batch (a reshape to a flat vector) cannot be split into rows
                    if (batch.shape().rank() == 0 || batch.shape().dim(0) != batchRows) {
                        target.accept(batch);
                        return;
                    }
                    for (int r = 0; r < validRows; r++) {
                        target.accept(batch.slice(r, r + 1));
                    }
                }

                @Override
                public Tensor result() {
                    // the delegate's own result is not used: the pass-wide accumulator holds the statistic
                    return Tensor.scalar(0f);
                }
            };
        }
    }

    /** Keeps the last tensor a delegate engine computed at a port: a stage's output, read with its statistics. */
    static final class Capture implements Statistic {
        /** A name no statistic of a request uses (statistic names follow POT's {@code min_*}/{@code max_*}). */
        static final String NAME = "pot4j.cascade.output";
        private Tensor value;

        @Override
        public String name() {
            return NAME;
        }

        Tensor value() {
            return value;
        }

        @Override
        public Accumulator newAccumulator() {
            return new Accumulator() {
                @Override
                public void accept(Tensor batch) {
                    value = batch;
                }

                @Override
                public Tensor result() {
                    return Tensor.scalar(0f);
                }
            };
        }
    }

    /** Lists the accumulators of a stage port as forwarding statistics for one inference. */
    static List<Statistic> forwarding(Map<String, Statistic.Accumulator> named, int validRows, int batchRows) {
        List<Statistic> out = new ArrayList<>();
        named.forEach((name, acc) -> out.add(new Forwarding(name, acc, validRows, batchRows)));
        return out;
    }
}
