package org.pot4j.quantization;

import java.util.Objects;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.model.Model;
import org.pot4j.quantization.placement.IgnoredScopes;

/**
 * An algorithm that first checks the stage names of the {@code ignored} params against the model it prepares, then
 * does what {@code inner} does. The params are bound before any model is known; a misspelt stage name would
 * otherwise ignore nothing without a word.
 */
final class IgnoredStagesCheck implements Algorithm {
    private final IgnoredScopes ignored;
    private final Algorithm inner;

    IgnoredStagesCheck(IgnoredScopes ignored, Algorithm inner) {
        this.ignored = Objects.requireNonNull(ignored, "ignored");
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    /** @throws org.pot4j.api.error.ConfigurationException naming the unknown stage ({@code params.ignored.xnet}) */
    @Override
    public Model prepare(Model model) {
        ignored.checkStages(model);
        return inner.prepare(model);
    }

    @Override
    public StatisticsPlan statistics(Model model) {
        return inner.statistics(model);
    }

    @Override
    public Model run(Model model, Engine engine, CollectedStatistics statistics) {
        return inner.run(model, engine, statistics);
    }
}
