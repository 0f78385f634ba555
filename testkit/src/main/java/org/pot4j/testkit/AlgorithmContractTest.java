package org.pot4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pot4j.api.algorithm.Algorithm;
import org.pot4j.api.algorithm.AlgorithmFactory;
import org.pot4j.api.algorithm.AlgorithmSettings;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.error.ConfigurationException;
import org.pot4j.api.model.Model;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.core.inference.InferenceLoop;
import org.pot4j.core.pipeline.Pipeline;

/**
 * The contract every {@link AlgorithmFactory} and its {@link Algorithm} pass: the algorithm carries the factory's name,
 * the factory binds its own params and rejects a key it does not know (naming it under {@code params.}), and the
 * algorithm never changes the model it is given.
 */
public abstract class AlgorithmContractTest {
    /** A key no algorithm has. */
    static final String UNKNOWN_KEY = "pot4j_contract_unknown_key";

    /** The factory under test. */
    protected abstract AlgorithmFactory factory();

    /** Params the factory accepts, fit for {@link #model()}. */
    protected abstract Map<String, Object> params();

    protected abstract Model model();

    /** An engine that runs {@link #model()}. */
    protected abstract Engine engine();

    /** Samples that fit {@link #model()}. */
    protected abstract DataLoader dataLoader();

    /** What the algorithm is created with: {@link #params()} with the common keys' defaults. */
    protected AlgorithmSettings settings() {
        return AlgorithmSettings.of(params());
    }

    protected PluginContext context() {
        return new TestPluginContext();
    }

    /** The algorithm under test, from {@link #factory()}. */
    protected Algorithm algorithm() {
        return factory().create(settings(), context());
    }

    @Test
    void hasTheFactorysName() {
        assertFalse(factory().name().isBlank());
        assertEquals(factory().name(), algorithm().name());
    }

    @Test
    void theFactoryRejectsAnUnknownParamNamingIt() {
        Map<String, Object> params = new LinkedHashMap<>(params());
        params.put(UNKNOWN_KEY, 1);
        AlgorithmSettings s = settings();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> factory().create(
                new AlgorithmSettings(params, s.targetDevice(), s.modelType(), s.dumpIntermediateModel()), context()));
        assertEquals("params." + UNKNOWN_KEY, e.keyPath(), e.getMessage());
        assertTrue(e.getMessage().contains(UNKNOWN_KEY), e.getMessage());
    }

    @Test
    void runReturnsAModelAndLeavesTheInputUnchanged() {
        Algorithm algorithm = algorithm();
        Model model = model();
        GraphFingerprint before = GraphFingerprint.of(model.graph());
        try (Engine engine = engine()) {
            // through core's Pipeline: each step of a sequence prepared, given its pass, and run
            Model result = Pipeline.create(List.of(algorithm), InferenceLoop.of(engine, dataLoader())).run(model);
            assertNotNull(result, "run returns a model");
        }
        assertEquals(before, GraphFingerprint.of(model.graph()), "the input model must not change");
    }
}
