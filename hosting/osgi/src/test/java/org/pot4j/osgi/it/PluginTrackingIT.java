package org.pot4j.osgi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The registry follows plugin bundles through their life cycle: started later, stopped, started again,
 * uninstalled; and of two bundles offering the same algorithm name the second waits and takes over.
 */
class PluginTrackingIT {
    @TempDir
    Path dir;

    @Test
    void aPluginBundleIsOfferedWhileItIsActiveOnly() throws Exception {
        try (EmbeddedFelix felix = startBase(ItBundles.BASE)) {
            Function<Map<String, Object>, Map<String, Object>> app = app(felix);
            Bundle echo = felix.install(ItBundles.echoBundle(dir, "org.pot4j.it.echo.a"));
            assertEquals(List.of(), echoSources(app), "installed, not started");
            echo.start();
            assertEquals(List.of("osgi:org.pot4j.it.echo.a/1.0.0 [bundle " + echo.getBundleId() + "]"), echoSources(app));
            assertTrue(algorithms(app).contains("Echo"), "algorithms: " + algorithms(app));
            echo.stop();
            assertEquals(List.of(), echoSources(app), "stopped");
            assertTrue(!algorithms(app).contains("Echo"), "algorithms after stop: " + algorithms(app));
            echo.start();
            assertTrue(algorithms(app).contains("Echo"), "started again: " + algorithms(app));
            echo.uninstall();
            assertTrue(!algorithms(app).contains("Echo"), "uninstalled: " + algorithms(app));
        }
    }

    @Test
    void ofTwoBundlesWithOneAlgorithmNameTheSecondWaitsAndTakesOver() throws Exception {
        try (EmbeddedFelix felix = startBase(ItBundles.BASE)) {
            Function<Map<String, Object>, Map<String, Object>> app = app(felix);
            Bundle a = felix.install(ItBundles.echoBundle(dir, "org.pot4j.it.echo.a"));
            Bundle b = felix.install(ItBundles.echoBundle(dir, "org.pot4j.it.echo.b"));
            a.start();
            b.start();
            assertEquals(1, echoSources(app).size(), "one of two clashing plugins is registered: " + echoSources(app));
            assertTrue(echoSources(app).get(0).startsWith("osgi:org.pot4j.it.echo.a/"), echoSources(app).toString());
            a.stop();
            assertEquals(1, echoSources(app).size(), "the waiting plugin took over: " + echoSources(app));
            assertTrue(echoSources(app).get(0).startsWith("osgi:org.pot4j.it.echo.b/"), echoSources(app).toString());
            assertTrue(algorithms(app).contains("Echo"));
        }
    }

    @Test
    void withoutTheServiceLoaderMediatorPluginBundlesStillResolveButOfferNothing() throws Exception {
        List<String> noSpiFly = ItBundles.BASE.stream()
                .filter(n -> !n.startsWith("asm") && !n.contains("spifly")).collect(Collectors.toList());
        try (EmbeddedFelix felix = startBase(noSpiFly)) {
            Function<Map<String, Object>, Map<String, Object>> app = app(felix);
            Bundle numpy = felix.install(ItBundles.jars(List.of("pot4j-dataloader-numpy")).get(0));
            numpy.start();
            assertEquals(Bundle.ACTIVE, numpy.getState(), "the registrar requirement is optional");
            assertEquals(List.of(), app.apply(Map.of("command", "names")).get("plugins"));
        }
    }

    private EmbeddedFelix startBase(List<String> base) throws Exception {
        EmbeddedFelix felix = EmbeddedFelix.start(dir.resolve("felix-cache"), Map.of());
        List<Path> jars = new ArrayList<>(ItBundles.jars(base));
        jars.add(ItBundles.osgiBundle());
        jars.add(ItBundles.appBundle(dir));
        felix.installAndStart(jars);
        return felix;
    }

    @SuppressWarnings("unchecked")
    private static Function<Map<String, Object>, Map<String, Object>> app(EmbeddedFelix felix) throws Exception {
        return felix.service(Function.class, "(pot4j.it=app)");
    }

    private static List<?> algorithms(Function<Map<String, Object>, Map<String, Object>> app) {
        return (List<?>) app.apply(Map.of("command", "names")).get("algorithm");
    }

    /** The sources of the registered plugins named {@code echo}. */
    private static List<String> echoSources(Function<Map<String, Object>, Map<String, Object>> app) {
        return ((List<?>) app.apply(Map.of("command", "names")).get("plugins")).stream().map(Object::toString)
                .filter(p -> p.startsWith("echo|")).map(p -> p.substring("echo|".length())).collect(Collectors.toList());
    }
}
