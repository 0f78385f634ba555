package org.pot4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pot4j.api.plugin.Pot4jPlugin;

/**
 * Builds a real third-party plugin jar: Java sources compiled against pot4j-api with javax.tools, a PF4J manifest,
 * a service file and any extra entries.
 */
final class PluginJarBuilder {
    private final Path work;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private String pluginId;
    private String pluginVersion = "1.0.0";

    PluginJarBuilder(Path work) {
        this.work = work;
    }

    /** A class: {@code name} is the fully qualified name. */
    PluginJarBuilder source(String name, String code) {
        sources.put(name, code);
        return this;
    }

    /** Lists {@code className} in META-INF/services/org.pot4j.api.plugin.Pot4jPlugin. */
    PluginJarBuilder service(String className) {
        services.add(className);
        return this;
    }

    /** PF4J manifest entries; without them the jar is no PF4J plugin. */
    PluginJarBuilder pluginId(String id) {
        this.pluginId = id;
        return this;
    }

    PluginJarBuilder entry(String name, byte[] content) {
        extraEntries.put(name, content);
        return this;
    }

    Path build(Path jar) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file.toString());
        }
        if (!files.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", apiJar().toString(),
                    "--release", "17", "-proc:none"));
            args.addAll(files);
            int rc = javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed for " + sources.keySet());
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (pluginId != null) {
            manifest.getMainAttributes().putValue("Plugin-Id", pluginId);
            manifest.getMainAttributes().putValue("Plugin-Version", pluginVersion);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    put(j, classes.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            if (!services.isEmpty()) {
                put(j, "META-INF/services/" + Pot4jPlugin.class.getName(),
                        (String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> e : extraEntries.entrySet()) {
                put(j, e.getKey(), e.getValue());
            }
        }
        return jar;
    }

    /** The jar (or class folder) pot4j-api's classes come from. */
    static Path apiJar() {
        try {
            return Path.of(Pot4jPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(JarOutputStream j, String name, byte[] content) throws IOException {
        j.putNextEntry(new JarEntry(name));
        j.write(content);
        j.closeEntry();
    }
}
