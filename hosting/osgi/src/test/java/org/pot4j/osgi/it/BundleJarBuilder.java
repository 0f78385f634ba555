package org.pot4j.osgi.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Packs test classes into a real bundle jar with a hand-written manifest. */
final class BundleJarBuilder {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new TreeMap<>();

    BundleJarBuilder(String symbolicName) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", "1.0.0");
    }

    BundleJarBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Every class file of {@code packageName} (not its sub-packages) under {@code classes}. */
    BundleJarBuilder addPackage(Path classes, String packageName) throws IOException {
        String dir = packageName.replace('.', '/');
        try (Stream<Path> files = Files.list(classes.resolve(dir))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                entries.put(dir + "/" + f.getFileName(), Files.readAllBytes(f));
            }
        }
        return this;
    }

    BundleJarBuilder addResource(String path, String content) {
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Writes the jar (to a temporary file first, then moved into place) and returns {@code file}. */
    Path writeTo(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
