package org.pot4j.core.pipeline;

import java.util.List;
import java.util.Objects;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.model.Model;

/**
 * Several algorithms that configurations name as one (POT's DefaultQuantization is ActivationChannelAlignment, then
 * MinMaxQuantization with a bias correction), each needing its own statistics pass on the previous one's result.
 * {@link Pipeline} runs the steps as if they were listed one by one (each prepared, given its pass, and run, with
 * progress). Used directly, {@link #statistics} is the first step's plan and {@link #run} runs the first step on
 * those statistics and the rest through a {@link Pipeline} on the same engine.
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
        Model first = steps.get(0).run(model, engine, statistics);
        return Pipeline.create(steps.subList(1, steps.size()), engine).run(first);
    }
}
