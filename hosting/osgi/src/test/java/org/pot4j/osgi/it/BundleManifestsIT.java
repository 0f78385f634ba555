package org.pot4j.osgi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.pot4j.testkit.TestAssets;

/**
 * Every pot4j bundle of the reactor (but the distribution's command jar and the JUnit-based testkit): manifests
 * with versioned imports, exports limited to what other bundles use, the plugin published for the ServiceLoader
 * Mediator; and all of them resolved and started together in Felix, natives of ONNX Runtime and OpenCV included.
 */
class BundleManifestsIT {
    /** Exports each bundle may have (prefixes); a bundle not listed exports nothing. */
    private static final Map<String, List<String>> ALLOWED_EXPORTS = Map.of(
            "pot4j-api", List.of("org.pot4j.api"),
            "pot4j-core", List.of("org.pot4j.core."),
            "pot4j-osgi", List.of("org.pot4j.osgi"),
            "pot4j-onnx", List.of("org.pot4j.onnx"), // the ORT engine reads ONNX documents through it
            "pot4j-dataloader-image", List.of("org.pot4j.data.image"),
            "pot4j-dataloader-numpy", List.of("org.pot4j.data.numpy"),
            "pot4j-dataloader-torch-style", List.of("org.pot4j.data.torch"));
    private static final List<String> PLUGINS = List.of("pot4j-openvino-ir", "pot4j-engine-reference",
            "pot4j-default-quantization", "pot4j-dataloader-image", "pot4j-onnx", "pot4j-engine-onnxruntime",
            "pot4j-dataloader-numpy", "pot4j-dataloader-torch-style");

    @TempDir
    Path dir;

    @Test
    void manifestsImportWithVersionRangesExportOnlyTheirApiAndSplitNoPackage() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Path> jars = new TreeMap<>();
        jars.put("pot4j-api", ItBundles.jars(List.of("pot4j-api")).get(0));
        jars.put("pot4j-core", ItBundles.jars(List.of("pot4j-core")).get(0));
        jars.put("pot4j-osgi", ItBundles.osgiBundle());
        for (String plugin : PLUGINS) {
            jars.put(plugin, ItBundles.jars(List.of(plugin)).get(0));
        }
        Map<String, String> packageOwners = new TreeMap<>();
        for (Map.Entry<String, Path> e : jars.entrySet()) {
            try (JarFile jar = new JarFile(e.getValue().toFile())) {
                for (String pkg : jar.stream().map(j -> j.getName()).filter(n -> n.endsWith(".class") && n.contains("/")
                        && !n.startsWith("META-INF/")).map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.'))
                        .distinct().collect(Collectors.toList())) {
                    String before = packageOwners.putIfAbsent(pkg, e.getKey());
                    if (before != null) {
                        problems.add("split package " + pkg + ": in " + before + " and " + e.getKey());
                    }
                }
            }
        }
        for (Map.Entry<String, Path> e : jars.entrySet()) {
            Attributes main;
            try (JarFile jar = new JarFile(e.getValue().toFile())) {
                main = jar.getManifest().getMainAttributes();
            }
            String name = e.getKey();
            if (main.getValue("Bundle-SymbolicName") == null) {
                problems.add(name + ": no Bundle-SymbolicName");
            }
            if (main.getValue("DynamicImport-Package") != null) {
                problems.add(name + ": DynamicImport-Package " + main.getValue("DynamicImport-Package"));
            }
            for (String clause : ManifestClauses.split(main.getValue("Import-Package"))) {
                String pkg = ManifestClauses.name(clause);
                if (!clause.contains("version=") && !isJdk(pkg)) {
                    problems.add(name + ": import without a version range: " + clause);
                }
            }
            List<String> allowed = ALLOWED_EXPORTS.getOrDefault(name, List.of());
            for (String clause : ManifestClauses.split(main.getValue("Export-Package"))) {
                String pkg = ManifestClauses.name(clause);
                if (allowed.stream().noneMatch(pkg::startsWith)) {
                    problems.add(name + ": exports " + pkg);
                }
            }
            if (PLUGINS.contains(name)) {
                String provided = String.valueOf(main.getValue("Provide-Capability"));
                if (!provided.contains("osgi.serviceloader=\"org.pot4j.api.plugin.Pot4jPlugin\"")) {
                    problems.add(name + ": no osgi.serviceloader capability for Pot4jPlugin: " + provided);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyPluginBundleResolvesStartsAndRunsItsNatives() throws Exception {
        List<Path> jars = new ArrayList<>(ItBundles.jars(ItBundles.BASE));
        jars.add(ItBundles.osgiBundle());
        jars.addAll(ItBundles.jars(ItBundles.PLUGINS));
        jars.addAll(ItBundles.jars(ItBundles.MORE_PLUGINS));
        jars.add(ItBundles.appBundle(dir));
        try (EmbeddedFelix felix = EmbeddedFelix.start(dir.resolve("felix-cache"), ItBundles.hostProperties())) {
            felix.installAndStart(jars);
            for (Bundle b : felix.context().getBundles()) {
                assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName() + " is not active");
            }
            @SuppressWarnings("unchecked")
            Function<Map<String, Object>, Map<String, Object>> app = felix.service(Function.class, "(pot4j.it=app)");
            Map<String, Object> names = app.apply(Map.of("command", "names"));
            List<String> sources = ((List<?>) names.get("plugins")).stream().map(p -> p.toString().split("\\|")[1])
                    .map(s -> s.substring(0, s.indexOf('/'))).sorted().collect(Collectors.toList());
            assertEquals(PLUGINS.stream().map(p -> "osgi:org.pot4j." + p).sorted().collect(Collectors.toList()), sources,
                    "one registered plugin per plugin bundle: " + names);
            assertTrue(((List<?>) names.get("engine")).containsAll(List.of("reference", "onnxruntime")), names.toString());
            assertTrue(((List<?>) names.get("model_format")).containsAll(List.of("openvino-ir", "onnx")), names.toString());

            // natives inside the container: OpenCV decodes, ONNX Runtime and the reference engine agree on the class
            Path onnx = TestAssets.require("onnx/mobilenet_v1_0.25_128/mobilenet_v1_0.25_128.onnx");
            Path images = TestAssets.require("images/imagenet-samples/images");
            Path list = dir.resolve("one-image.txt");
            try (Stream<Path> files = Files.list(images)) {
                Files.write(list, files.map(Path::toString).sorted().limit(1).collect(Collectors.toList()));
            }
            Map<String, Object> request = Map.of("command", "infer", "model", onnx.toString(), "data_source",
                    list.toString(), "input_shape", List.of(1, 3, 128, 128), "color_order", "RGB",
                    "mean", List.of(127.5), "scale", List.of(127.5), "engine", "onnxruntime");
            Map<String, Object> ort = app.apply(request);
            Map<String, Object> onReference = new HashMap<>(request);
            onReference.put("engine", "reference");
            Map<String, Object> reference = app.apply(onReference);
            System.out.println("mobilenet_v1_0.25_128 inside Felix: onnxruntime " + ort + ", reference " + reference);
            assertEquals(ort.get("top"), reference.get("top"), "top class, onnxruntime vs reference");
        }
    }

    private static boolean isJdk(String pkg) {
        return pkg.startsWith("javax.") || pkg.startsWith("jdk.") || pkg.startsWith("org.w3c.") || pkg.startsWith("org.xml.");
    }
}
