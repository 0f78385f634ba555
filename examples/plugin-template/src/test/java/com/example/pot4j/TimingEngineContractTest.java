package com.example.pot4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.data.DataLoader;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.api.model.Model;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.tensor.Shape;
import org.pot4j.api.tensor.Tensor;
import org.pot4j.testkit.EngineContractTest;
import org.pot4j.testkit.TestPluginContext;

/** The testkit's engine contract for the timing engine, delegating to the reference engine on the test class path. */
class TimingEngineContractTest extends EngineContractTest {
    @TempDir
    Path dir;

    @Override
    protected EngineFactory factory() {
        return new TimingEngineFactory();
    }

    @Override
    protected Model model() {
        return ExampleFixtures.model();
    }

    @Override
    protected DataLoader dataLoader() {
        return ExampleFixtures.loader(dir);
    }

    @Test
    void inferencesAreTimed() {
        try (TimingEngine e = (TimingEngine) factory().create(EngineSettings.cpu(), new TestPluginContext())) {
            e.setModel(model());
            e.infer(Map.of("x", Tensor.ofFloats(new float[] {1, -1, 2, -2}, 1, 4)));
            assertTrue(e.averageMillis() > 0, "one inference was timed");
            assertTrue(Shape.of(1, 4).equals(e.infer(Map.of("x", Tensor.ofFloats(new float[4], 1, 4)))
                    .values().iterator().next().shape()));
        }
    }

    @Test
    void timingsAreShownPerModelAndWhenClosed() {
        List<String> shown = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                shown.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("timing");
        logger.addHandler(handler);
        try (TimingEngine e = (TimingEngine) factory().create(EngineSettings.cpu(), new TestPluginContext())) {
            e.setModel(model());
            e.infer(Map.of("x", Tensor.ofFloats(new float[4], 1, 4)));
            e.infer(Map.of("x", Tensor.ofFloats(new float[4], 1, 4)));
            assertEquals(List.of(), shown, "nothing before the model is done");
            e.setModel(model());
            e.infer(Map.of("x", Tensor.ofFloats(new float[4], 1, 4)));
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(2, shown.size(), shown.toString());
        String name = model().name();
        assertTrue(shown.get(0).matches("INFO model '" + name + "' on reference: 2 inferences, \\d+\\.\\d\\d ms each, "
                + "\\d+\\.\\d\\d s in all"), shown.get(0));
        assertTrue(shown.get(1).startsWith("INFO model '" + name + "' on reference: 1 inference, "), shown.get(1));
    }

    /** The test class path's plugins, with a default engine of the test's choosing that counts what it creates. */
    private static final class ChosenDefaultContext implements PluginContext {
        private final TestPluginContext plugins = new TestPluginContext();
        private final EngineFactory defaultEngine;
        int defaultEnginesCreated;

        ChosenDefaultContext(EngineFactory defaultEngine) {
            this.defaultEngine = defaultEngine;
        }

        @Override
        public System.Logger logger(String name) {
            return plugins.logger(name);
        }

        @Override
        public Optional<ModelFormat> modelFormat(String name) {
            return plugins.modelFormat(name);
        }

        @Override
        public Optional<ModelFormat> modelFormatFor(Path file) {
            return plugins.modelFormatFor(file);
        }

        @Override
        public Optional<EngineFactory> engine(String name) {
            return plugins.engine(name);
        }

        @Override
        public Optional<EngineFactory> defaultEngine() {
            if (defaultEngine == null) {
                return Optional.empty();
            }
            return Optional.of(new EngineFactory() {
                @Override
                public String name() {
                    return defaultEngine.name();
                }

                @Override
                public Engine create(EngineSettings settings, PluginContext context) {
                    defaultEnginesCreated++;
                    return defaultEngine.create(settings, context);
                }
            });
        }
    }

    @Test
    void withoutADelegateTheHostsDefaultEngineRunsTheModel() {
        ChosenDefaultContext context = new ChosenDefaultContext(new TestPluginContext().engine("reference").orElseThrow());
        try (Engine e = factory().create(EngineSettings.cpu(), context)) {
            assertEquals(1, context.defaultEnginesCreated);
            e.setModel(model());
            assertEquals(1, e.infer(Map.of("x", Tensor.ofFloats(new float[4], 1, 4))).size());
        }
        try (Engine e = factory().create(EngineSettings.cpu(Map.of("delegate", "reference")), context)) {
            assertEquals(1, context.defaultEnginesCreated, "a named delegate is looked up by name");
        }
    }

    @Test
    void aMissingDelegateOrDefaultEngineFailsClearly() {
        EngineException unknown = assertThrows(EngineException.class, () -> factory().create(
                EngineSettings.cpu(Map.of("delegate", "no-such-engine")), new TestPluginContext()));
        assertTrue(unknown.getMessage().contains("no-such-engine"), unknown.getMessage());
        EngineException none = assertThrows(EngineException.class, () -> factory().create(EngineSettings.cpu(),
                new ChosenDefaultContext(null)));
        assertTrue(none.getMessage().contains("default engine"), none.getMessage());
    }
}
