package org.pot4j.core.pipeline;

import java.util.List;
import java.util.Objects;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.AlgorithmException;
import org.pot4j.api.model.Model;

/**
 * Several algorithms that configurations name as one (POT's DefaultQuantization is ActivationChannelAlignment, then
 * MinMaxQuantization with a bias correction), each needing its own statistics pass on the previous one's result.
 * {@link Pipeline} runs the steps as if they were listed one by one (each prepared, given its pass, and run, with
 * progress). Used directly, {@link #statistics} is the first step's plan and {@link #run} runs the first step on
 * those statistics and the rest after it, which then may not need statistics of their own.
 */
public final class AlgorithmSequence implements Algorithm {
    private final String name;
    private final List<Algorithm> steps;

    public AlgorithmSequence(String name, List<Algorithm> steps) {
        this.name = Objects.requireNonNull(name, "name");
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("algorithm sequence '" + name + "' has no steps");
        }
        this.steps = List.copyOf(steps);
    }

    @Override
    public String name() {
        return name;
    }

    /** The steps, in order. */
    public List<Algorithm> steps() {
        return steps;
    }

    @Override
    public Model prepare(Model model) {
        return steps.get(0).prepare(model);
    }

    @Override
    public StatisticsPlan statistics(Model model) {
        return steps.get(0).statistics(model);
    }

    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        Model current = steps.get(0).run(model, engine, statistics);
        for (Algorithm step : steps.subList(1, steps.size())) {
            current = step.prepare(current);
            StatisticsPlan plan = step.statistics(current);
            if (plan != null && !plan.request().isEmpty()) {
                throw new AlgorithmException("algorithm '" + name + "': step '" + step.name() + "' needs a statistics "
                        + "pass of its own; run the sequence through a Pipeline, which gives each step its pass");
            }
            current = step.run(current, engine, CollectedStatistics.empty());
        }
        return current;
    }
}
