package org.pot4j.osgi.it;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pot4j.osgi.HostPackages;

/**
 * What the integration tests install: the bundles failsafe's configuration points at, the host's exports of the
 * native runtimes, and the test bundles packed from this module's test classes.
 */
final class ItBundles {
    /** The bundles every test framework gets: the API, core with Jackson, SPI Fly with ASM, and pot4j-osgi. */
    static final List<String> BASE = List.of("pot4j-api", "pot4j-core", "jackson-annotations", "jackson-core",
            "jackson-databind", "asm", "asm-tree", "asm-analysis", "asm-commons", "asm-util",
            "org.apache.aries.spifly.dynamic.bundle");
    /** The other plugin bundles of the reactor, with protobuf for the ONNX ones. */
    static final List<String> MORE_PLUGINS = List.of("protobuf-java", "pot4j-onnx", "pot4j-engine-onnxruntime",
            "pot4j-dataloader-numpy", "pot4j-dataloader-torch-style");
    /** The plugin bundles the quantization needs. */
    static final List<String> PLUGINS = List.of("pot4j-openvino-ir", "pot4j-engine-reference",
            "pot4j-default-quantization", "pot4j-dataloader-image");

    static final String SERVICE_FILE = "META-INF/services/org.pot4j.api.plugin.Pot4jPlugin";
    /** What bnd's {@code -metainf-services: auto} writes for a plugin, so the test bundles are published the same way. */
    static final String REGISTRAR = "osgi.extender;filter:=\"(&(osgi.extender=osgi.serviceloader.registrar)"
            + "(version>=1.0.0)(!(version>=2.0.0)))\";resolution:=optional";

    private ItBundles() {
    }

    /** The copied bundles called {@code names} (file names without {@code .jar}), in order. */
    static List<Path> jars(List<String> names) {
        Path dir = Path.of(required("pot4j.it.bundles"));
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            Path jar = dir.resolve(name + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError(jar + " is missing: run the integration tests through `mvn verify`, which "
                        + "copies the bundles in pre-integration-test");
            }
            out.add(jar);
        }
        return out;
    }

    /** This module's own bundle jar (built in {@code package}). */
    static Path osgiBundle() {
        return Path.of(required("pot4j.it.osgiBundle"));
    }

    /**
     * Launching properties of the host: the JNI classes of ONNX Runtime, JavaCPP, OpenCV and OpenBLAS come from the
     * test's class path (exported by the system bundle, each at its version), so their natives load in one class loader.
     */
    static Map<String, String> hostProperties() {
        HostPackages host = new HostPackages()
                .addJar(jarOf("ai.onnxruntime.OrtEnvironment"), required("pot4j.it.onnxruntimeVersion"))
                .addJar(jarOf("org.bytedeco.javacpp.Loader"), required("pot4j.it.javacppVersion"))
                .addJar(jarOf("org.bytedeco.opencv.global.opencv_core"), upstreamVersion(required("pot4j.it.opencvVersion")))
                .addJar(jarOf("org.bytedeco.openblas.global.openblas"), upstreamVersion(required("pot4j.it.openblasVersion")));
        return Map.of(HostPackages.SYSTEM_PACKAGES_EXTRA, host.systemPackagesExtra());
    }

    /** The application bundle: {@code RegistryProbeApp} with the imports it needs. */
    static Path appBundle(Path dir) throws IOException {
        return new BundleJarBuilder("org.pot4j.it.app")
                .header("Bundle-Activator", "org.pot4j.osgi.itapp.RegistryProbeApp")
                .header("Import-Package", String.join(",", "org.osgi.framework;version=\"[1.8,2)\"",
                        "org.osgi.util.tracker;version=\"[1.5,2)\"", "org.pot4j.api.algorithm", "org.pot4j.api.data",
                        "org.pot4j.api.engine", "org.pot4j.api.graph", "org.pot4j.api.model", "org.pot4j.api.plugin",
                        "org.pot4j.api.quantization", "org.pot4j.api.tensor", "org.pot4j.core.inference",
                        "org.pot4j.core.pipeline", "org.pot4j.core.plugin"))
                .addPackage(testClasses(), "org.pot4j.osgi.itapp")
                .writeTo(dir.resolve("it-app.jar"));
    }

    /** A plugin bundle holding {@code EchoPlugin}, published through META-INF/services like the real plugins. */
    static Path echoBundle(Path dir, String symbolicName) throws IOException {
        return new BundleJarBuilder(symbolicName)
                .header("Import-Package", "org.pot4j.api.algorithm,org.pot4j.api.engine,org.pot4j.api.model,"
                        + "org.pot4j.api.plugin")
                .header("Provide-Capability", "osgi.serviceloader;osgi.serviceloader=\"org.pot4j.api.plugin.Pot4jPlugin\"")
                .header("Require-Capability", REGISTRAR)
                .addPackage(testClasses(), "org.pot4j.osgi.itplugin")
                .addResource(SERVICE_FILE, "org.pot4j.osgi.itplugin.EchoPlugin\n")
                .writeTo(dir.resolve(symbolicName + ".jar"));
    }

    /** {@code 4.11.0-1.5.12} (a JavaCPP preset's Maven version) → {@code 4.11.0}, the library's own version. */
    static String upstreamVersion(String mavenVersion) {
        int dash = mavenVersion.indexOf('-');
        return dash < 0 ? mavenVersion : mavenVersion.substring(0, dash);
    }

    private static Path testClasses() {
        return Path.of(required("pot4j.it.testClasses"));
    }

    private static Path jarOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, ItBundles.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new AssertionError("cannot find the jar of " + className + " on the test class path", e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new AssertionError("system property " + property + " is not set: run through `mvn verify`");
        }
        return value;
    }
}
