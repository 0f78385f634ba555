package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.plugin.Pot4jPlugin;

/** Third-party plugin jars, built here, dropped into a plugins folder and loaded by PF4J. */
class DropInPluginTest {
    /** An engine that returns its inputs: enough to be listed and run by name. */
    private static final String ECHO_PLUGIN = """
            package demo;

            import java.util.*;
            import org.pot4j.api.engine.*;
            import org.pot4j.api.model.Model;
            import org.pot4j.api.plugin.*;
            import org.pot4j.api.tensor.Tensor;

            public class EchoPlugin implements Pot4jPlugin {
                public String name() { return "echo-plugin"; }

                public List<EngineFactory> engines() {
                    return List.of(new EngineFactory() {
                        public String name() { return "%s"; }
                        public Engine create(EngineSettings settings, PluginContext context) {
                            return new Engine() {
                                private Model model;
                                public String name() { return "%1$s"; }
                                public void setModel(Model m) { model = m; }
                                public Optional<Model> model() { return Optional.ofNullable(model); }
                                public Map<String, Tensor> infer(Map<String, Tensor> inputs, PortObserver observer) {
                                    return inputs;
                                }
                            };
                        }
                    });
                }
            }
            """;

    @TempDir
    Path tmp;
    Path plugins;

    @BeforeEach
    void folder() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
    }

    private PluginJarBuilder builder() throws IOException {
        return new PluginJarBuilder(Files.createTempDirectory(tmp, "build"));
    }

    private Path echoJar(String file, String engineName) throws IOException {
        return builder().pluginId(file.replace(".jar", "")).source("demo.EchoPlugin", ECHO_PLUGIN.formatted(engineName))
                .service("demo.EchoPlugin").build(plugins.resolve(file));
    }

    @Test
    void aDroppedInEngineIsListedWithItsJarAndRunsByName() throws IOException {
        Path jar = echoJar("echo.jar", "echo");

        CliRun list = CliRun.of("plugins", "--plugins-dir", plugins.toString());
        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("  echo                         plugin 'echo-plugin'"), list.out());
        assertTrue(list.out().contains("  echo-plugin                  " + jar), list.out());
        assertTrue(list.out().contains("  reference "), "class-path plugins are still there:\n" + list.out());

        CliRun bench = CliRun.of("benchmark", "--plugins-dir", plugins.toString(), "-m",
                CliRun.squeezenet().toString(), "--engine", "echo", "--iterations", "1", "--warmup", "0");
        assertEquals(0, bench.exitCode(), bench.toString());
        assertTrue(bench.out().contains("\necho "), bench.out());
    }

    /** PF4J's zip layout: plugin.properties beside lib/*.jar (and classes/), expanded next to the zip. */
    @Test
    void aPluginZipIsLoadedLikeAJar() throws IOException {
        Path lib = builder().source("demo.EchoPlugin", ECHO_PLUGIN.formatted("zipped")).service("demo.EchoPlugin")
                .build(Files.createTempDirectory(tmp, "lib").resolve("echo-lib.jar"));
        Path zip = plugins.resolve("zipped-plugin.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("plugin.properties"));
            z.write("plugin.id=zipped-plugin\nplugin.version=1.0.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new java.util.zip.ZipEntry("lib/echo-lib.jar"));
            z.write(Files.readAllBytes(lib));
            z.closeEntry();
        }

        CliRun list = CliRun.of("plugins", "--plugins-dir", plugins.toString());

        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("  zipped "), "the zipped plugin's engine is listed:\n" + list.out());
        assertTrue(list.out().contains(zip.toString()), "with the zip as its source:\n" + list.out());
    }

    /**
     * A third-party plugin brings its own version of a library the host also uses (jackson-core 2.17.2 beside the
     * host's): in its own class loader it sees its version, and the host keeps its own.
     */
    @Test
    void aPluginUsesItsOwnVersionOfALibraryTheHostAlsoUses() throws IOException {
        Path library = Path.of("target/plugin-test-libs/jackson-core-2.17.2.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(library), library + " not copied by the build");
        String hostVersion = com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString();
        Path lib = builder().source("demo.VersionPlugin", """
                package demo;

                import org.pot4j.api.plugin.Pot4jPlugin;

                public class VersionPlugin implements Pot4jPlugin {
                    public String name() {
                        try {
                            Object v = Class.forName("com.fasterxml.jackson.core.json.PackageVersion")
                                    .getField("VERSION").get(null);
                            return "sees-jackson-" + v;
                        } catch (ReflectiveOperationException e) {
                            return "sees-no-jackson";
                        }
                    }
                }
                """).service("demo.VersionPlugin").build(Files.createTempDirectory(tmp, "lib").resolve("version.jar"));
        Path zip = plugins.resolve("version-plugin.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("plugin.properties"));
            z.write("plugin.id=version-plugin\nplugin.version=1.0.0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.putNextEntry(new java.util.zip.ZipEntry("lib/version.jar"));
            z.write(Files.readAllBytes(lib));
            z.putNextEntry(new java.util.zip.ZipEntry("lib/jackson-core-2.17.2.jar"));
            z.write(Files.readAllBytes(library));
            z.closeEntry();
        }

        CliRun list = CliRun.of("plugins", "--plugins-dir", plugins.toString());

        assertEquals(0, list.exitCode(), list.toString());
        assertTrue(list.out().contains("sees-jackson-2.17.2"), "the plugin sees its own jackson:\n" + list.out());
        assertTrue(!hostVersion.equals("2.17.2") && !list.out().contains("sees-jackson-" + hostVersion),
                "the host keeps its own jackson " + hostVersion);
        assertTrue(list.out().contains("  reference "), "the built-in plugins load beside it:\n" + list.out());
    }

    @Test
    void badJarsAreSkippedByNameWithTheReasonAndTheGoodOneStillLoads() throws IOException {
        Path good = echoJar("a-good.jar", "echo");
        Path noManifest = builder().source("demo.EchoPlugin", ECHO_PLUGIN.formatted("other"))
                .service("demo.EchoPlugin").build(plugins.resolve("no-manifest.jar"));
        Path noEntry = builder().pluginId("no-entry").source("demo.EchoPlugin", ECHO_PLUGIN.formatted("other"))
                .build(plugins.resolve("no-entry.jar"));
        Path throwing = builder().pluginId("throwing").source("demo.Boom", """
                package demo;
                public class Boom implements org.pot4j.api.plugin.Pot4jPlugin {
                    public Boom() { throw new IllegalStateException("no licence key"); }
                }
                """).service("demo.Boom").build(plugins.resolve("throwing.jar"));
        byte[] apiClass;
        try (InputStream in = Pot4jPlugin.class.getResourceAsStream("Pot4jPlugin.class")) {
            apiClass = in.readAllBytes();
        }
        Path bundled = builder().pluginId("bundled").source("demo.EchoPlugin", ECHO_PLUGIN.formatted("other"))
                .service("demo.EchoPlugin").entry("org/pot4j/api/plugin/Pot4jPlugin.class", apiClass)
                .build(plugins.resolve("bundled-api.jar"));
        Path clash = echoJar("clash.jar", "reference");
        Path notAPlugin = builder().pluginId("wrong-type").source("demo.NotAPlugin", """
                package demo;
                public class NotAPlugin { }
                """).service("demo.NotAPlugin").build(plugins.resolve("wrong-type.jar"));

        CliRun r = CliRun.of("plugins", "--plugins-dir", plugins.toString());

        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("  echo-plugin                  " + good), r.out());
        assertTrue(r.err().contains("warning: skipped plugin " + noManifest + ": not a PF4J plugin ("), r.err());
        assertTrue(r.err().contains("its manifest needs Plugin-Id and Plugin-Version"), r.err());
        assertTrue(r.err().contains("warning: skipped plugin " + noEntry + ": no entry point: list a "
                + "org.pot4j.api.plugin.Pot4jPlugin implementation in META-INF/services/"), r.err());
        assertTrue(r.err().contains("warning: skipped plugin " + throwing + ": its entry point demo.Boom failed in"
                + " its constructor: java.lang.IllegalStateException: no licence key"), r.err());
        assertTrue(r.err().contains("warning: skipped plugin " + bundled + ": it bundles its own copy of the pot4j"
                + " API (org/pot4j/api/plugin/Pot4jPlugin.class); build it with pot4j-api in provided scope"), r.err());
        assertTrue(r.err().contains("warning: skipped plugin " + clash + ": engine name 'reference' is used twice"),
                r.err());
        assertTrue(r.err().contains("warning: skipped plugin " + notAPlugin + ": its entry point demo.NotAPlugin"
                + " does not implement org.pot4j.api.plugin.Pot4jPlugin"), r.err());
        assertTrue(r.out().contains("Skipped plugins:\n  " + bundled + ": it bundles"), r.out());
    }

    @Test
    void aMissingPluginsFolderHoldsNoPlugins() {
        CliRun r = CliRun.of("plugins", "--plugins-dir", tmp.resolve("none").toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.err());
    }
}
