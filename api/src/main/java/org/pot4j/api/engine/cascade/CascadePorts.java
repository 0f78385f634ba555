package org.pot4j.api.engine.cascade;

import java.util.LinkedHashMap;
import java.util.Map;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Statistic;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.graph.PortRef;
import org.pot4j.api.tensor.Tensor;

/**
 * How statistics requests and results address the ports of a cascade's stages: the node name is prefixed with the
 * stage name and {@value #SEPARATOR}, so output 0 of node {@code conv1} in stage {@code pnet} is
 * {@code PortRef("pnet/conv1", 0)}. Stage names may not contain the separator (node names may), so the stage is
 * everything before the first one.
 *
 * <p>An algorithm that works per sub-model builds one request per stage against the stage's own graph, combines them
 * with {@link #combine(Map)}, runs the cascade engine once, and gives each stage its part of the result with
 * {@link #forStage(CollectedStatistics, String)}.
 */
public final class CascadePorts {
    /** Between the stage name and the node name. */
    public static final String SEPARATOR = "/";

    private CascadePorts() {
    }

    /**
     * Checks a stage name: not blank and without {@value #SEPARATOR}.
     *
     * @throws IllegalArgumentException naming the stage
     */
    public static String checkStageName(String stage) {
        if (stage == null || stage.isBlank()) {
            throw new IllegalArgumentException("a cascade stage needs a non-blank name");
        }
        if (stage.contains(SEPARATOR)) {
            throw new IllegalArgumentException("cascade stage name '" + stage + "' contains '" + SEPARATOR
                    + "', which separates stage and node in statistics ports");
        }
        return stage;
    }

    /** The cascade-level port of {@code local} in {@code stage}. */
    public static PortRef qualify(String stage, PortRef local) {
        return new PortRef(checkStageName(stage) + SEPARATOR + local.node(), local.port());
    }

    /** True when {@code port} names a stage. */
    public static boolean isQualified(PortRef port) {
        return port.node().indexOf(SEPARATOR) > 0;
    }

    /**
     * The stage a cascade-level port belongs to.
     *
     * @throws IllegalArgumentException when the port names no stage
     */
    public static String stage(PortRef qualified) {
        int i = qualified.node().indexOf(SEPARATOR);
        if (i <= 0) {
            throw new IllegalArgumentException("port " + qualified + " names no cascade stage (expected <stage>"
                    + SEPARATOR + "<node>)");
        }
        return qualified.node().substring(0, i);
    }

    /** The port inside its stage's own graph. */
    public static PortRef local(PortRef qualified) {
        String stage = stage(qualified);
        return new PortRef(qualified.node().substring(stage.length() + SEPARATOR.length()), qualified.port());
    }

    /** {@code local}'s ports, all qualified with {@code stage}. */
    public static StatisticsRequest qualify(String stage, StatisticsRequest local) {
        return combine(Map.of(stage, local));
    }

    /** One request for a cascade from a request per stage (against each stage's own graph). */
    public static StatisticsRequest combine(Map<String, StatisticsRequest> byStage) {
        StatisticsRequest.Builder b = StatisticsRequest.builder();
        byStage.forEach((stage, request) -> {
            for (PortRef port : request.ports()) {
                for (Statistic s : request.at(port)) {
                    b.add(qualify(stage, port), s);
                }
            }
        });
        return b.build();
    }

    /** The part of a cascade-level request that concerns {@code stage}, with local ports. */
    public static StatisticsRequest forStage(StatisticsRequest cascade, String stage) {
        StatisticsRequest.Builder b = StatisticsRequest.builder();
        for (PortRef port : cascade.ports()) {
            if (isQualified(port) && stage(port).equals(stage)) {
                for (Statistic s : cascade.at(port)) {
                    b.add(local(port), s);
                }
            }
        }
        return b.build();
    }

    /** The statistics of {@code stage}, keyed by ports of the stage's own graph. */
    public static CollectedStatistics forStage(CollectedStatistics cascade, String stage) {
        Map<PortRef, Map<String, Tensor>> out = new LinkedHashMap<>();
        cascade.asMap().forEach((port, values) -> {
            if (isQualified(port) && stage(port).equals(stage)) {
                out.put(local(port), values);
            }
        });
        return new CollectedStatistics(out);
    }
}
