package org.pot4j.core.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds a real plugin jar: compiles one source against the test classpath and adds its service file. */
final class PluginJarBuilder {
    private PluginJarBuilder() {
    }

    /**
     * Compiles {@code source} (a class called {@code className}) and writes a jar with its classes and a
     * {@code META-INF/services/org.pot4j.api.plugin.Pot4jPlugin} naming it.
     */
    static Path build(Path dir, String className, String source) throws IOException {
        Path src = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed with " + rc + " on " + src);
        }
        Path jar = dir.resolve(className.substring(className.lastIndexOf('.') + 1) + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/org.pot4j.api.plugin.Pot4jPlugin"));
            write(out, List.of(className));
            out.closeEntry();
        }
        return jar;
    }

    private static void write(OutputStream out, List<String> lines) throws IOException {
        out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
