package org.pot4j.core.inference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.PortObserver;
import org.pot4j.api.engine.Reduction;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/**
 * Feeds a statistics request's accumulators from an engine's observations. A port asks for reductions in the runtime
 * (POT's {@code inplace_statistics}) when every statistic requested there starts with one; otherwise it takes the
 * whole value, which each accumulator reduces itself.
 */
final class StatisticsObserver implements PortObserver {
    private final StatisticsRequest request;
    private final Map<PortRef, Set<Reduction>> ports;
    private final Map<PortRef, List<Statistic.Accumulator>> accumulators = new LinkedHashMap<>();
    /** Per port, the accumulators of the statistics that start with each reduction (worked out once). */
    private final Map<PortRef, Map<Reduction, List<Statistic.Accumulator>>> byReduction = new LinkedHashMap<>();
    private final Set<PortRef> observed = new HashSet<>();

    /**
     * @param inplace whether to ask the engine for reductions in the runtime
     */
    StatisticsObserver(StatisticsRequest request, boolean inplace) {
        this.request = request;
        Map<PortRef, Set<Reduction>> wanted = new LinkedHashMap<>();
        for (PortRef port : request.ports()) {
            List<Statistic> statistics = request.at(port);
            List<Statistic.Accumulator> made = statistics.stream().map(Statistic::newAccumulator).toList();
            accumulators.put(port, made);
            Map<Reduction, List<Statistic.Accumulator>> reducedBy = new LinkedHashMap<>();
            boolean everyOneReduces = true;
            for (int i = 0; i < statistics.size(); i++) {
                Optional<Reduction> r = statistics.get(i).reduction();
                everyOneReduces &= r.isPresent();
                if (r.isPresent()) {
                    reducedBy.computeIfAbsent(r.get(), k -> new ArrayList<>()).add(made.get(i));
                }
            }
            byReduction.put(port, reducedBy);
            Set<Reduction> reductions = everyOneReduces ? new LinkedHashSet<>(reducedBy.keySet()) : Set.of();
            wanted.put(port, inplace ? Collections.unmodifiableSet(reductions) : Set.of());
        }
        this.ports = Collections.unmodifiableMap(wanted);
    }

    @Override
    public Map<PortRef, Set<Reduction>> ports() {
        return ports;
    }

    @Override
    public void whole(PortRef port, Tensor value) {
        for (Statistic.Accumulator a : accumulatorsAt(port)) {
            a.accept(value);
        }
    }

    @Override
    public void reduced(PortRef port, Reduction reduction, Tensor value) {
        accumulatorsAt(port);
        for (Statistic.Accumulator a : byReduction.get(port).getOrDefault(reduction, List.of())) {
            a.acceptReduced(value);
        }
    }

    private List<Statistic.Accumulator> accumulatorsAt(PortRef port) {
        List<Statistic.Accumulator> at = accumulators.get(port);
        if (at == null) {
            throw new IllegalStateException("an engine observed " + port + ", which no statistic was requested at");
        }
        observed.add(port);
        return at;
    }

    /**
     * Every statistic over everything observed. Ports no inference showed (a cascade stage that never ran, an engine
     * that ignored the port) are left out rather than asking accumulators without data for a result, so that the
     * caller can name what is missing.
     */
    CollectedStatistics results() {
        Map<PortRef, Map<String, Tensor>> out = new LinkedHashMap<>();
        accumulators.forEach((port, list) -> {
            if (!observed.contains(port)) {
                return;
            }
            Map<String, Tensor> byName = new LinkedHashMap<>();
            List<Statistic> statistics = request.at(port);
            for (int i = 0; i < list.size(); i++) {
                byName.put(statistics.get(i).name(), list.get(i).result());
            }
            out.put(port, byName);
        });
        return new CollectedStatistics(out);
    }
}
