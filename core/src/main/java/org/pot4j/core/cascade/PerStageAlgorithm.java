package org.pot4j.core.cascade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.StatisticsRequest;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.model.Model;
import org.pot4j.core.pipeline.AlgorithmSequence;

/**
 * Applies a single-model algorithm to every stage of a cascade (POT_SPEC §14: FQ insertion, MinMax and FastBC
 * operate on each sub-graph), with the statistics of one pass of a cascade engine: the inner algorithm's request for
 * each stage (against the stage's own graph) is qualified with the stage name ({@link StageStatistics}), and after the
 * pass each stage receives its own part with local ports. A single model goes straight to the inner algorithm.
 *
 * <p>The inner algorithm's {@code run} gets the cascade engine; an algorithm that would run the stage itself in that
 * engine (rather than its own small models, as FastBiasCorrection does) cannot be adapted this way. An
 * {@link AlgorithmSequence} is adapted step by step with {@link #of}: each step's pass runs over the whole cascade.
 */
public final class PerStageAlgorithm implements Algorithm {
    private final Algorithm inner;

    /**
     * @throws IllegalArgumentException when {@code inner} is an {@link AlgorithmSequence}, whose steps each need a pass
     *                                  of their own: adapt it with {@link #of}
     */
    public PerStageAlgorithm(Algorithm inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (inner instanceof AlgorithmSequence s) {
            throw new IllegalArgumentException("'" + s.name() + "' is a sequence whose steps each need a statistics "
                    + "pass of their own; adapt it with PerStageAlgorithm.of, a sequence of adapted steps");
        }
    }

    /**
     * {@code algorithm} applied to every stage of a cascade: a {@link PerStageAlgorithm}, or for a sequence a sequence
     * of the same name whose steps are each adapted (so that {@link org.pot4j.core.pipeline.Pipeline} still gives each
     * step its pass). An algorithm already adapted is returned as it is.
     */
    public static Algorithm of(Algorithm algorithm) {
        if (algorithm instanceof PerStageAlgorithm) {
            return algorithm;
        }
        if (algorithm instanceof AlgorithmSequence s) {
            return new AlgorithmSequence(s.name(), s.steps().stream().map(PerStageAlgorithm::of).toList());
        }
        return new PerStageAlgorithm(algorithm);
    }

    /** The adapted algorithm's name, so configurations and logs stay the same. */
    @Override
    public String name() {
        return inner.name();
    }

    /** Each stage as the adapted algorithm prepares it (the cascade itself when no stage changes). */
    @Override
    public Model prepare(Model model) {
        if (!model.isCascade()) {
            return inner.prepare(model);
        }
        List<Model> stages = model.subModels();
        CascadeModel result = model instanceof CascadeModel c ? c : new CascadeModel(model.name(), stages);
        boolean changed = false;
        for (Model stage : stages) {
            Model prepared = inner.prepare(stage);
            if (prepared != stage) {
                if (prepared == null || !prepared.name().equals(stage.name())) {
                    throw new AlgorithmException(inner.name() + " prepared no model named '" + stage.name()
                            + "' for that stage; stages keep their names");
                }
                result = result.withStage(stage.name(), prepared);
                changed = true;
            }
        }
        return changed ? result : model;
    }

    /**
     * @throws AlgorithmException naming the stages when their plans ask for different subset or batch sizes
     */
    @Override
    public StatisticsPlan statistics(Model model) {
        if (!model.isCascade()) {
            return inner.statistics(model);
        }
        Map<String, StatisticsRequest> byStage = new LinkedHashMap<>();
        StatisticsPlan first = null;
        String firstStage = null;
        for (Model stage : model.subModels()) {
            StatisticsPlan plan = inner.statistics(stage);
            if (plan == null || plan.request().isEmpty()) {
                continue;
            }
            if (first == null) {
                first = plan;
                firstStage = stage.name();
            } else if (plan.subsetSize() != first.subsetSize() || plan.batchSize() != first.batchSize()
                    || !plan.shuffleSeed().equals(first.shuffleSeed())) {
                throw new AlgorithmException(inner.name() + ": stages '" + firstStage + "' and '" + stage.name()
                        + "' ask for statistics on different subsets (" + first.subsetSize() + " samples in batches of "
                        + first.batchSize() + ", shuffle seed " + first.shuffleSeed() + " vs " + plan.subsetSize()
                        + " in batches of " + plan.batchSize() + ", shuffle seed " + plan.shuffleSeed() + ")");
            }
            byStage.put(stage.name(), plan.request());
        }
        if (first == null) {
            return StatisticsPlan.NONE;
        }
        return new StatisticsPlan(StageStatistics.combine(byStage), first.subsetSize(), first.batchSize(),
                first.shuffleSeed());
    }

    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        if (!model.isCascade()) {
            return inner.run(model, engine, statistics);
        }
        List<Model> stages = model.subModels();
        CascadeModel result = model instanceof CascadeModel c ? c : new CascadeModel(model.name(), stages);
        for (Model stage : stages) {
            Model changed;
            try {
                changed = inner.run(stage, engine, StageStatistics.forStage(statistics, stage.name()));
            } catch (AlgorithmException e) {
                throw new AlgorithmException("stage '" + stage.name() + "' of cascade '" + model.name() + "': "
                        + e.getMessage(), e);
            }
            if (changed == null) {
                throw new AlgorithmException(inner.name() + " returned no model for stage '" + stage.name() + "'");
            }
            if (!changed.name().equals(stage.name())) {
                throw new AlgorithmException(inner.name() + " renamed stage '" + stage.name() + "' to '"
                        + changed.name() + "'; stages keep their names");
            }
            result = result.withStage(stage.name(), changed);
        }
        return result;
    }
}
