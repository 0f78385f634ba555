package org.pot4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.data.Sampler;
import org.pot4j.api.engine.CollectedStatistics;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.model.Model;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.inference.PredictRequest;

/** The contract every {@link Algorithm} passes: it names itself and never changes the model it is given. */
public abstract class AlgorithmContractTest {
    protected abstract Algorithm algorithm();

    protected abstract Model model();

    /** An engine that runs {@link #model()}. */
    protected abstract Engine engine();

    /** Samples that fit {@link #model()}. */
    protected abstract DataLoader dataLoader();

    @Test
    void hasAName() {
        assertFalse(algorithm().name().isBlank());
    }

    @Test
    void runReturnsAModelAndLeavesTheInputUnchanged() {
        Algorithm algorithm = algorithm();
        Model model = model();
        GraphFingerprint before = GraphFingerprint.of(model.graph());
        try (Engine engine = engine()) {
            // as core's Pipeline: prepare, collect on the prepared model, run on it
            Model prepared = algorithm.prepare(model);
            assertNotNull(prepared, "prepare returns a model");
            Algorithm.StatisticsPlan plan = algorithm.statistics(prepared);
            CollectedStatistics stats = CollectedStatistics.empty();
            if (!plan.request().isEmpty()) {
                engine.setModel(prepared);
                int n = Math.min(plan.subsetSize(), dataLoader().size());
                stats = InferenceLoop.of(engine, dataLoader()).run(PredictRequest.statistics(
                        Sampler.sequential(n, plan.batchSize()), plan.request(), null)).statistics();
            }
            Model result = algorithm.run(prepared, engine, stats);
            assertNotNull(result, "run returns a model");
        }
        assertEquals(before, GraphFingerprint.of(model.graph()), "the input model must not change");
    }
}
