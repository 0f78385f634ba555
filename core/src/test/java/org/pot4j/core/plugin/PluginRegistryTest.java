package org.pot4j.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.engine.Engine;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.PluginException;
import org.pot4j.api.model.ModelFormat;
import org.pot4j.api.plugin.PluginContext;
import org.pot4j.api.plugin.Pot4jPlugin;

class PluginRegistryTest {

    @Test
    void findsTheTestPluginThroughServiceLoader() throws Exception {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        assertEquals(1, registry.plugins().size());
        RegisteredPlugin p = registry.plugins().get(0);
        assertEquals("test-plugin", p.name());
        assertEquals(testClasses(), p.source(), "source is where the plugin class came from");
        assertEquals("test-engine", registry.engine("test-engine").name());
        assertEquals("TestAlgorithm", registry.algorithm("TestAlgorithm").name());
        assertEquals("test-loader", registry.dataLoader("test-loader").name());
        assertEquals("test-format", registry.modelFormat("test-format").name());
        assertEquals("test-metric", registry.metric("test-metric").name());
        assertEquals("test-format", registry.modelFormatFor(Path.of("net.tst")).name());
    }

    @Test
    void listsEveryContributionWithItsSource() throws Exception {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        List<String> listing = new ArrayList<>();
        registry.contributions().forEach(c -> listing.add(c.kind().label() + " " + c.name() + " " + c.plugin().name()
                + " " + c.source()));
        String src = testClasses();
        assertEquals(List.of(
                "engine test-engine test-plugin " + src,
                "algorithm TestAlgorithm test-plugin " + src,
                "data loader test-loader test-plugin " + src,
                "model format test-format test-plugin " + src,
                "metric test-metric test-plugin " + src), listing);
    }

    @Test
    void duplicateNameFromARealJarNamesBothSources(@TempDir Path dir) throws Exception {
        Path jar = PluginJarBuilder.build(dir, "thirdparty.DuplicateEnginePlugin", """
                package thirdparty;

                import java.util.List;
                import org.pot4j.api.engine.Engine;
                import org.pot4j.api.engine.EngineFactory;
                import org.pot4j.api.engine.EngineSettings;
                import org.pot4j.api.metric.MetricFactory;
                import org.pot4j.api.plugin.PluginContext;
                import org.pot4j.api.plugin.Pot4jPlugin;

                public class DuplicateEnginePlugin implements Pot4jPlugin {
                    @Override public String name() { return "third-party"; }
                    @Override public List<MetricFactory> metrics() {
                        return List.of(new MetricFactory() {
                            @Override public String name() { return "other-metric"; }
                            @Override public org.pot4j.api.metric.Metric create(java.util.Map<String, Object> c,
                                    PluginContext x) { throw new UnsupportedOperationException(); }
                        });
                    }
                    @Override public List<EngineFactory> engines() {
                        return List.of(new EngineFactory() {
                            @Override public String name() { return "test-engine"; }
                            @Override public Engine create(EngineSettings s, PluginContext c) {
                                throw new UnsupportedOperationException();
                            }
                        });
                    }
                }
                """);
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            PluginException e = assertThrows(PluginException.class, () -> registry.loadServices(loader));
            assertEquals("engine name 'test-engine' is used twice: by plugin 'test-plugin' (from " + testClasses()
                    + ") and by plugin 'third-party' (from " + jar + ")", e.getMessage());
        }
        // all or nothing: the failed plugin's other contributions were not added
        assertEquals(1, registry.plugins().size());
        assertTrue(registry.find(ExtensionKind.METRIC, "other-metric").isEmpty());
    }

    @Test
    void rescanningSkipsPluginsAlreadyRegistered() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());
        assertEquals(List.of(), registry.loadServices(getClass().getClassLoader()));
        assertEquals(1, registry.plugins().size());
    }

    @Test
    void duplicateNameFromProgrammaticRegistrationNamesBothLabels() {
        PluginRegistry registry = PluginRegistry.create();
        registry.register(engines("first", "onnxruntime"), "pf4j:first@/plugins/first.zip");
        PluginException e = assertThrows(PluginException.class,
                () -> registry.register(engines("second", "cpu", "onnxruntime"), "osgi:bundle 42"));
        assertEquals("engine name 'onnxruntime' is used twice: by plugin 'first' (from pf4j:first@/plugins/first.zip)"
                + " and by plugin 'second' (from osgi:bundle 42)", e.getMessage());
        assertEquals(List.of("onnxruntime"), registry.names(ExtensionKind.ENGINE), "nothing of 'second' was added");
    }

    @Test
    void duplicateWithinOnePluginIsRejected() {
        PluginException e = assertThrows(PluginException.class,
                () -> PluginRegistry.create().register(engines("twice", "a", "a"), "label"));
        assertEquals("engine name 'a' is used twice: by plugin 'twice' (from label) and by plugin 'twice' (from label)",
                e.getMessage());
    }

    @Test
    void sameNameOfDifferentKindsIsFine() {
        PluginRegistry registry = PluginRegistry.create();
        registry.register(engines("e", "shared"), "a");
        registry.register(new Pot4jPlugin() {
            @Override
            public String name() {
                return "f";
            }

            @Override
            public List<ModelFormat> modelFormats() {
                return List.of(new TestPlugin.TestFormat("shared", "x"));
            }
        }, "b");
        assertEquals("shared", registry.modelFormat("shared").name());
    }

    @Test
    void blankNamesAreRejected() {
        PluginException e = assertThrows(PluginException.class,
                () -> PluginRegistry.create().register(engines("blanks", " "), "my-label"));
        assertTrue(e.getMessage().startsWith("plugin 'blanks' (from my-label) contributes an engine with a blank name ("),
                e.getMessage());
        PluginException p = assertThrows(PluginException.class,
                () -> PluginRegistry.create().register(engines("", "x"), "lbl"));
        assertTrue(p.getMessage().endsWith("(from lbl) has a blank name"), p.getMessage());
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        PluginRegistry registry = PluginRegistry.create();
        registry.register(engines("p", "reference", "onnxruntime"), "x");
        assertEquals("no engine named 'openvino' (available: onnxruntime, reference)",
                assertThrows(PluginException.class, () -> registry.engine("openvino")).getMessage());
        assertEquals("no algorithm named 'AccuracyAwareQuantization' (available: none)",
                assertThrows(PluginException.class, () -> registry.algorithm("AccuracyAwareQuantization")).getMessage());
        assertEquals("no model format recognises model.pb (available: none)",
                assertThrows(PluginException.class, () -> registry.modelFormatFor(Path.of("model.pb"))).getMessage());
    }

    @Test
    void unregisterRemovesExactlyThePluginsContributions() {
        PluginRegistry registry = PluginRegistry.create();
        RegisteredPlugin a = registry.register(engines("a", "one", "two"), "pf4j:a");
        RegisteredPlugin b = registry.register(engines("b", "three"), "pf4j:b");
        assertTrue(registry.unregister(a));
        assertFalse(registry.unregister(a), "second removal is a no-op");
        assertEquals(List.of("three"), registry.names(ExtensionKind.ENGINE));
        assertEquals(List.of(b), registry.plugins());
        // the names are free again
        registry.register(engines("a2", "one"), "pf4j:a2");
        assertEquals(List.of("one", "three"), registry.names(ExtensionKind.ENGINE));
    }

    @Test
    void contextLooksUpLiveWithoutExposingTheRegistry() {
        PluginRegistry registry = PluginRegistry.create();
        PluginContext context = registry.context();
        assertTrue(context.engine("late").isEmpty());
        RegisteredPlugin p = registry.register(engines("p", "late"), "x");
        assertEquals("late", context.engine("late").orElseThrow().name());
        registry.register(new TestPlugin(), "test");
        assertEquals("test-format", context.modelFormatFor(Path.of("a.tst")).orElseThrow().name());
        assertEquals("test-format", context.modelFormat("test-format").orElseThrow().name());
        assertTrue(context.modelFormatFor(Path.of("a.onnx")).isEmpty());
        assertEquals("org.pot4j.test", context.logger("org.pot4j.test").getName());
        registry.unregister(p);
        assertTrue(context.engine("late").isEmpty());
        assertEquals(RegistryPluginContext.class, context.getClass(), "a narrow context, not the registry");
    }

    @Test
    void concurrentRegistrationAndLookupStayConsistent() throws Exception {
        PluginRegistry registry = PluginRegistry.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        RegisteredPlugin p = registry.register(engines("p" + thread + "_" + i, "e" + thread + "_" + i), "t");
                        assertSame(p.plugin().engines().get(0).getClass(), registry.engine("e" + thread + "_" + i).getClass());
                        if (i % 2 == 0) {
                            registry.unregister(p);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(400, registry.names(ExtensionKind.ENGINE).size());
        assertEquals(400, registry.plugins().size());
    }

    /** A plugin contributing engines of these names. */
    static Pot4jPlugin engines(String pluginName, String... engineNames) {
        return new Pot4jPlugin() {
            @Override
            public String name() {
                return pluginName;
            }

            @Override
            public List<EngineFactory> engines() {
                List<EngineFactory> out = new ArrayList<>();
                for (String n : engineNames) {
                    out.add(new EngineFactory() {
                        @Override
                        public String name() {
                            return n;
                        }

                        @Override
                        public Engine create(EngineSettings settings, PluginContext context) {
                            throw new UnsupportedOperationException("test double");
                        }
                    });
                }
                return out;
            }
        };
    }

    private static String testClasses() throws Exception {
        return Paths.get(TestPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
