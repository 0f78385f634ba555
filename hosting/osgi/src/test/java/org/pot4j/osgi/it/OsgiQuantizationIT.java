package org.pot4j.osgi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.pot4j.testkit.TestAssets;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The whole of pot4j inside Apache Felix: the reactor's bundles, SPI Fly publishing each plugin's META-INF/services
 * entry as a {@code Pot4jPlugin} service, pot4j-osgi feeding the registry from those services, and an application
 * bundle that quantizes squeezenet1.1 using nothing but the registry service. Then the DefaultQuantization bundle is
 * stopped and started again, and the registry follows without a restart.
 */
class OsgiQuantizationIT {
    private static final String DEFAULT_QUANTIZATION = "org.pot4j.pot4j-default-quantization";

    @TempDir
    Path dir;

    @Test
    void quantizesSqueezenetThroughOsgiServicesAndFollowsTheQuantizationBundle() throws Exception {
        Path xml = TestAssets.require("ir/squeezenet1.1/v11/squeezenet1.1.xml");
        Path images = TestAssets.require("images/imagenet-samples/images");
        Path list = dir.resolve("calibration.txt");
        try (Stream<Path> files = Files.list(images)) {
            Files.write(list, files.map(Path::toString).sorted().limit(4).collect(Collectors.toList()));
        }
        Path out = Files.createDirectories(dir.resolve("out"));

        try (EmbeddedFelix felix = EmbeddedFelix.start(dir.resolve("felix-cache"), ItBundles.hostProperties())) {
            List<Path> jars = new ArrayList<>(ItBundles.jars(ItBundles.BASE));
            jars.add(ItBundles.osgiBundle());
            jars.addAll(ItBundles.jars(ItBundles.PLUGINS));
            jars.add(ItBundles.appBundle(dir));
            felix.installAndStart(jars);
            for (Bundle b : felix.context().getBundles()) {
                assertTrue(b.getState() == Bundle.ACTIVE || b.getHeaders().get("Fragment-Host") != null,
                        b.getSymbolicName() + " is not active (state " + b.getState() + ")");
            }
            @SuppressWarnings("unchecked")
            Function<Map<String, Object>, Map<String, Object>> app = felix.service(Function.class, "(pot4j.it=app)");

            Map<String, Object> names = app.apply(Map.of("command", "names"));
            assertTrue(((List<?>) names.get("algorithm")).contains("DefaultQuantization"), "algorithms: " + names);
            assertTrue(((List<?>) names.get("engine")).contains("reference"), "engines: " + names.get("engine"));
            assertTrue(((List<?>) names.get("data_loader")).contains("image"), "loaders: " + names.get("data_loader"));
            assertTrue(((List<?>) names.get("plugins")).stream().anyMatch(
                    p -> p.toString().contains("|osgi:" + DEFAULT_QUANTIZATION + "/")), "plugins: " + names.get("plugins"));

            long start = System.nanoTime();
            Map<String, Object> result = app.apply(Map.of("command", "quantize", "model", xml.toString(),
                    "data_source", list.toString(), "input_shape", List.of(1, 3, 227, 227), "mean", List.of(104, 117, 123),
                    "engine", "reference", "algorithm", "DefaultQuantization", "target_device", "CPU",
                    "params", Map.of("preset", "performance", "stat_subset_size", 4),
                    "output", out.toString()));
            System.out.printf("squeezenet1.1 quantized inside Felix in %.1f s: %s%n", (System.nanoTime() - start) / 1e9, result);

            Path written = Path.of(((List<?>) result.get("files")).get(0).toString());
            Element net = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(written.toFile()).getDocumentElement();
            int fakeQuantize = count(net, "FakeQuantize", null);
            int convolutions = count(net, "Convolution", null);
            int int8Constants = count(net, "Const", "i8");
            // compression folds each weight FakeQuantize into its i8 constant; the activation ones stay
            assertTrue(fakeQuantize > 20, "FakeQuantize layers in " + written + ": " + fakeQuantize);
            assertEquals(((Number) result.get("fake_quantize")).intValue(),
                    fakeQuantize + ((Number) result.get("compressed")).intValue(), "FakeQuantize before compression");
            assertEquals(convolutions, int8Constants, "every convolution's weights are stored as i8 in " + written);
            assertTrue(Files.size(written.resolveSibling(written.getFileName().toString().replace(".xml", ".bin")))
                    < Files.size(xml.resolveSibling("squeezenet1.1.bin")), "i8 weights take less room than f16");

            Bundle quantization = felix.bundle(DEFAULT_QUANTIZATION);
            quantization.stop();
            assertFalse(algorithms(app).contains("DefaultQuantization"),
                    "after stopping " + DEFAULT_QUANTIZATION + ": " + algorithms(app));
            quantization.start();
            assertTrue(algorithms(app).contains("DefaultQuantization"),
                    "after starting " + DEFAULT_QUANTIZATION + " again: " + algorithms(app));
        }
    }

    private static List<?> algorithms(Function<Map<String, Object>, Map<String, Object>> app) {
        return (List<?>) app.apply(Map.of("command", "names")).get("algorithm");
    }

    /** Layers of {@code type} (and, when given, whose {@code data/@element_type} is {@code elementType}). */
    private static int count(Element net, String type, String elementType) {
        NodeList layers = net.getElementsByTagName("layer");
        int n = 0;
        for (int i = 0; i < layers.getLength(); i++) {
            Element layer = (Element) layers.item(i);
            if (!type.equals(layer.getAttribute("type"))) {
                continue;
            }
            if (elementType == null) {
                n++;
                continue;
            }
            NodeList data = layer.getElementsByTagName("data");
            if (data.getLength() > 0 && elementType.equals(((Element) data.item(0)).getAttribute("element_type"))) {
                n++;
            }
        }
        return n;
    }
}
