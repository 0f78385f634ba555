package org.pot4j.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ConfigurationException;

class HostPackagesTest {
    @TempDir
    Path dir;

    @Test
    void exportsEveryPackageWithClassesAtTheGivenVersion() throws IOException {
        Path jar = jar("runtime.jar", "ai/onnxruntime/OrtSession.class", "ai/onnxruntime/providers/CoreMLFlags.class",
                "ai/onnxruntime/native/linux-x64/libonnxruntime.so", "META-INF/versions/9/module-info.class",
                "module-info.class", "META-INF/MANIFEST.MF");
        HostPackages host = new HostPackages().addJar(jar, "1.29.0").addPackage("org.example.extra", "2.0");
        assertEquals(Set.of("ai.onnxruntime", "ai.onnxruntime.providers", "org.example.extra"), host.packages());
        assertEquals("ai.onnxruntime;version=\"1.29.0\",ai.onnxruntime.providers;version=\"1.29.0\","
                + "org.example.extra;version=\"2.0.0\"", host.systemPackagesExtra());
    }

    @Test
    void badInputIsNamed() throws IOException {
        Path natives = jar("natives.jar", "org/bytedeco/opencv/linux-x86_64/libopencv_core.so");
        assertEquals("host jar " + natives + " holds no class (a natives-only jar needs no export)",
                assertThrows(ConfigurationException.class, () -> new HostPackages().addJar(natives, "4.11.0")).getMessage());
        Path missing = dir.resolve("missing.jar");
        assertEquals("host jar " + missing + " does not exist",
                assertThrows(ConfigurationException.class, () -> new HostPackages().addJar(missing, "1.0")).getMessage());
        Path a = jar("a.jar", "x/y/A.class");
        ConfigurationException version = assertThrows(ConfigurationException.class,
                () -> new HostPackages().addJar(a, "4.11.0-1.5.12"));
        assertEquals(true, version.getMessage().startsWith("version '4.11.0-1.5.12' for " + a + " is not an OSGi version"),
                version.getMessage());
        Path b = jar("b.jar", "x/y/B.class");
        assertEquals("package x.y comes from both " + a + " and " + b, assertThrows(ConfigurationException.class,
                () -> new HostPackages().addJar(a, "1.0").addJar(b, "1.0")).getMessage());
        Path notAJar = Files.writeString(dir.resolve("text.jar"), "not a zip");
        assertEquals(true, assertThrows(ConfigurationException.class, () -> new HostPackages().addJar(notAJar, "1.0"))
                .getMessage().startsWith("host jar " + notAJar + " cannot be read: "));
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String e : List.of(entries)) {
                zip.putNextEntry(new JarEntry(e));
                zip.write(new byte[] {1, 2, 3});
                zip.closeEntry();
            }
        }
        return jar;
    }
}
