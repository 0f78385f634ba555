package org.pot4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pot4j.onnx.OnnxTestModels.in;
import static org.pot4j.onnx.OnnxTestModels.ints;
import static org.pot4j.onnx.OnnxTestModels.out;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.onnx.OnnxTestModels;

/**
 * The Java program of the root README's "Java API" section, taken from the README as it is, compiled against the
 * assembled distribution's {@code lib/*.jar} and run with them as a user would: it must quantize an OpenVINO IR and an
 * ONNX model.
 */
class FacadeProgramIT {
    @TempDir
    Path tmp;

    private Path home;
    private Path root;
    private Path classes;
    private String mainClass;

    @BeforeEach
    void compileTheReadmeProgram() throws IOException {
        home = Path.of(System.getProperty("pot4j.distribution.dir", "target/pot4j-unknown"));
        Assumptions.assumeTrue(Files.isDirectory(home), "no assembled distribution at " + home);
        root = Path.of(System.getProperty("pot4j.repo.root", ".."));
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("\n## Java API");
        assertTrue(section >= 0, "README.md has a Java API section");
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(section), "the Java API section shows a program");
        String source = block.group(1);
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(name.find(), "the program is a public class");
        mainClass = name.group(1);
        Path src = Files.writeString(Files.createDirectories(tmp.resolve("src")).resolve(mainClass + ".java"), source);
        classes = Files.createDirectories(tmp.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null,
                List.of("-classpath", libJars(), "-d", classes.toString(), "--release", "17", "-Xlint:all", "-Werror"),
                null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src)).call();
        assertTrue(compiled, "the README program compiles against lib/*.jar without warnings:\n" + diagnostics);
    }

    private String libJars() throws IOException {
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted()
                    .collect(Collectors.joining(java.io.File.pathSeparator));
        }
    }

    private String run(Path model, Path output, int size) throws IOException, InterruptedException {
        Path javaLauncher = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaLauncher.toString(), "--add-modules", "jdk.incubator.vector",
                "-cp", classes + java.io.File.pathSeparator + home.resolve("lib") + "/*", mainClass,
                model.toString(), root.resolve("samples/images").toString(), output.toString(), Integer.toString(size)));
        Path log = tmp.resolve("run.txt");
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the program finished");
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @Test
    void quantizesTheSampleIr() throws Exception {
        Path output = tmp.resolve("ir");
        String text = run(root.resolve("samples/squeezenet1.1/squeezenet1.1.xml"), output, 227);
        Path xml = output.resolve("optimized_model.xml");
        assertTrue(text.contains("Saved: " + xml), text);
        assertTrue(Files.readString(xml).contains("type=\"FakeQuantize\""), "the saved IR is quantized");
        assertTrue(Files.isRegularFile(output.resolve("optimized_model.bin")));
    }

    @Test
    void quantizesAnOnnxModel() throws Exception {
        Path onnx = OnnxTestModels.opset(13).input("x", 1, 3, 32, 32).output("y")
                .initializer("w", NpyArrays.values(8 * 3 * 3 * 3, 1), 8, 3, 3, 3)
                .initializer("w2", NpyArrays.values(4 * 8, 2), 4, 8, 1, 1)
                .node("Conv", "conv", in("x", "w"), out("c"), ints("pads", 1, 1, 1, 1))
                .node("Relu", "relu", in("c"), out("r"))
                .node("Conv", "conv2", in("r", "w2"), out("y"))
                .write(tmp.resolve("small.onnx"));
        Path output = tmp.resolve("onnx");
        String text = run(onnx, output, 32);
        Path saved = output.resolve("optimized_model.onnx");
        assertTrue(text.contains("Saved: " + saved), text);
        String bytes = new String(Files.readAllBytes(saved), StandardCharsets.ISO_8859_1);
        assertTrue(bytes.contains("QuantizeLinear") && bytes.contains("DequantizeLinear"), "the saved ONNX is quantized");
    }
}
