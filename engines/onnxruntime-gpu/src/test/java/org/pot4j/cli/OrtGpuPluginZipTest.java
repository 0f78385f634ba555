package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.engine.EngineFactory;
import org.pot4j.api.engine.EngineSettings;
import org.pot4j.api.error.EngineException;
import org.pot4j.cli.plugins.Pf4jPluginHost;
import org.pot4j.core.plugin.PluginRegistry;
import org.pot4j.engine.ort.OrtEngine;
import org.pot4j.engine.ort.gpu.OrtGpuEnginePlugin;

/**
 * The GPU plugin as the distribution's PF4J host loads it: a zip in the layout of {@code src/assembly/plugin-zip.xml}
 * (plugin.properties; lib/ this module's jar and the ONNX Runtime jar of the build; classes/ the onnxruntime engine's
 * classes without its service file), made here from the same artifacts, since the real zip is written after the
 * tests (and only with -Pgpu).
 */
class OrtGpuPluginZipTest {
    @TempDir
    Path plugins;

    @Test
    void theZipContributesOnlyOnnxruntimeGpuWithItsOwnOnnxRuntimeAndListsGpuAsNotUsableHere() throws Exception {
        Path zip = pluginZip(plugins.resolve("pot4j-engine-onnxruntime-gpu-test-plugin.zip"));
        PluginRegistry registry = PluginRegistry.create();
        try (Pf4jPluginHost host = Pf4jPluginHost.load(plugins, registry)) {
            assertEquals(List.of(), host.skipped(), "nothing skipped");
            assertEquals(1, host.registered().size(), host.registered().toString());
            assertEquals("onnxruntime-gpu", host.registered().get(0).name());
            assertEquals(zip.toString(), host.registered().get(0).source());
            assertEquals(Optional.empty(), registry.findEngine("onnxruntime"),
                    "the bundled onnxruntime engine classes contribute no second 'onnxruntime' engine");

            EngineFactory gpu = registry.engine("onnxruntime-gpu");
            ClassLoader pluginLoader = gpu.getClass().getClassLoader();
            assertNotSame(OrtGpuEnginePlugin.class.getClassLoader(), pluginLoader, "loaded from the zip");
            // plugin first: the zip's ONNX Runtime (and engine code) win over the same classes on the host's path
            assertSame(pluginLoader, Class.forName("ai.onnxruntime.OrtEnvironment", false, pluginLoader)
                    .getClassLoader());
            assertSame(pluginLoader, Class.forName(OrtEngine.class.getName(), false, pluginLoader).getClassLoader());

            Optional<String> reason = gpu.unavailableReason("GPU");
            Assumptions.assumeTrue(reason.isPresent(), "this machine has a usable GPU");
            String listed = PluginsCommand.devices(gpu);
            assertEquals("CPU (usable), GPU (not usable here: " + reason.get() + ")", listed);
            EngineException e = assertThrows(EngineException.class,
                    () -> gpu.create(new EngineSettings("GPU", Map.of()), registry.context()));
            assertTrue(e.getMessage().contains(reason.get()), e.getMessage());
        }
    }

    /** The zip, built as the assembly builds it, from this build's artifacts. */
    private static Path pluginZip(Path zip) throws IOException, ReflectiveOperationException, URISyntaxException {
        Path self = location(OrtGpuEnginePlugin.class);
        Path engine = location(OrtEngine.class);
        Path ort = location(Class.forName("ai.onnxruntime.OrtEnvironment", false,
                OrtGpuPluginZipTest.class.getClassLoader()));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.setLevel(Deflater.NO_COMPRESSION); // the GPU build's jar is 642 MB and compressed already
            z.putNextEntry(new ZipEntry("plugin.properties"));
            z.write("plugin.id=pot4j-engine-onnxruntime-gpu\nplugin.version=0.1.0\n".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("lib/pot4j-engine-onnxruntime-gpu.jar"));
            ZipOutputStream jar = new ZipOutputStream(new NonClosing(z));
            copy(self, "", name -> true, jar);
            jar.finish();
            z.closeEntry();
            copy(engine, "classes/", name -> !name.startsWith("META-INF/services/")
                    && !name.equals("META-INF/MANIFEST.MF"), z);
            z.putNextEntry(new ZipEntry("lib/" + ort.getFileName()));
            Files.copy(ort, z);
            z.closeEntry();
        }
        return zip;
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Copies a class folder's or jar's files into {@code out} under {@code prefix}. */
    private static void copy(Path from, String prefix, Predicate<String> keep, ZipOutputStream out) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = from.relativize(f).toString().replace('\\', '/');
                    if (keep.test(name)) {
                        out.putNextEntry(new ZipEntry(prefix + name));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
            return;
        }
        try (JarFile jar = new JarFile(from.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && keep.test(e.getName())) {
                    out.putNextEntry(new ZipEntry(prefix + e.getName()));
                    try (InputStream in = jar.getInputStream(e)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    /** Lets a jar be written inside a zip entry without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() {
        }
    }
}
