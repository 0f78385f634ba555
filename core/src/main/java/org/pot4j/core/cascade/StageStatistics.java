package org.pot4j.core.cascade;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.engine.cascade.CascadePorts;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/**
 * Statistics requests and results of a cascade, split per stage and combined again: an algorithm that works per
 * sub-model ({@link PerStageAlgorithm}) builds one request per stage against the stage's own graph,
 * {@link #combine combines} them into one request at stage-qualified ports ({@link CascadePorts}), runs one pass of the
 * cascade engine, and gives each stage {@link #forStage(CollectedStatistics, String) its part} of the result.
 */
public final class StageStatistics {
    private StageStatistics() {
    }

    /** {@code local}'s ports, all qualified with {@code stage}. */
    public static StatisticsRequest qualify(String stage, StatisticsRequest local) {
        return combine(Map.of(stage, local));
    }

    /**
     * One request for a cascade from a request per stage (against each stage's own graph).
     *
     * @throws IllegalArgumentException naming a stage whose name is blank or contains {@value CascadePorts#SEPARATOR}
     */
    public static StatisticsRequest combine(Map<String, StatisticsRequest> byStage) {
        StatisticsRequest.Builder b = StatisticsRequest.builder();
        byStage.forEach((stage, request) -> {
            for (PortRef port : request.ports()) {
                for (Statistic s : request.at(port)) {
                    b.add(CascadePorts.qualify(stage, port), s);
                }
            }
        });
        return b.build();
    }

    /** The part of a cascade-level request that concerns {@code stage}, with the stage's own ports. */
    public static StatisticsRequest forStage(StatisticsRequest cascade, String stage) {
        StatisticsRequest.Builder b = StatisticsRequest.builder();
        for (PortRef port : cascade.ports()) {
            if (inStage(port, stage)) {
                for (Statistic s : cascade.at(port)) {
                    b.add(CascadePorts.local(port), s);
                }
            }
        }
        return b.build();
    }

    /** The statistics of {@code stage}, keyed by ports of the stage's own graph. */
    public static CollectedStatistics forStage(CollectedStatistics cascade, String stage) {
        Map<PortRef, Map<String, Tensor>> out = new LinkedHashMap<>();
        cascade.asMap().forEach((port, values) -> {
            if (inStage(port, stage)) {
                out.put(CascadePorts.local(port), values);
            }
        });
        return new CollectedStatistics(out);
    }

    private static boolean inStage(PortRef port, String stage) {
        return CascadePorts.isQualified(port) && CascadePorts.stage(port).equals(stage);
    }
}
