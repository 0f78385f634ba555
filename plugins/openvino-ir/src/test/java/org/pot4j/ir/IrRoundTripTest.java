package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pot4j.api.model.ModelSource;
import org.pot4j.ir.document.IrDocument;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;
import org.pot4j.ir.io.IrReader;
import org.pot4j.testkit.GraphFingerprint;
import org.pot4j.testkit.TestAssets;

/**
 * Read -> write -> read of every IR in the shared assets keeps layers, attributes, rt_info at every level, edges,
 * model-level sections and the bytes of every Const.
 */
class IrRoundTripTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    static Stream<Arguments> irs() {
        List<Path> all = IrAssets.allIrs();
        if (all.isEmpty()) {
            // One placeholder case that skips, so the suite says why nothing ran.
            return Stream.of(Arguments.of("(assets absent)", null));
        }
        Path root = TestAssets.root().resolve("ir");
        return all.stream().map(p -> Arguments.of(root.relativize(p).toString(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("irs")
    void roundTripKeepsEverything(String label, Path xml) throws IOException {
        assumeTrue(xml != null, "skipped: no IR assets under " + TestAssets.root().resolve("ir")
                + " (set -Dpot4j.assets=<shared/assets>)");
        byte[] xmlBefore = Files.readAllBytes(xml);
        IrModel first = format.read(ModelSource.of(xml));
        List<Path> written = format.write(first, dir, "copy");
        IrModel second = format.read(ModelSource.of(written.get(0)));
        IrDocument a = first.document();
        IrDocument b = second.document();

        assertEquals("11", b.netAttributes().get("version"));
        assertEquals(withoutVersion(a.netAttributes()), withoutVersion(b.netAttributes()), "net attributes");
        assertEquals(a.layers().size(), b.layers().size(), "layer count");
        for (int i = 0; i < a.layers().size(); i++) {
            assertSameLayer(a.layers().get(i), b.layers().get(i), a.version() == 11);
        }
        assertEquals(new HashSet<>(a.edges()), new HashSet<>(b.edges()), "edges");
        assertEquals(a.edges().size(), b.edges().size(), "edge count");
        assertEquals(a.sections(), b.sections(), "model-level rt_info / meta_data / quantization_parameters");
        List<String> diff = GraphFingerprint.of(first.graph()).differences(GraphFingerprint.of(second.graph()));
        assertTrue(diff.isEmpty(), "graph views differ: " + diff.subList(0, Math.min(5, diff.size())));
        assertTrue(java.util.Arrays.equals(xmlBefore, Files.readAllBytes(xml)), "input untouched");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.copyOf(written), Set.copyOf(files.toList()), "no temporary files left");
        }
    }

    private static Map<String, String> withoutVersion(Map<String, String> attrs) {
        Map<String, String> m = new LinkedHashMap<>(attrs);
        m.remove("version");
        return m;
    }

    private static void assertSameLayer(IrLayer a, IrLayer b, boolean v11) {
        String at = a.describe();
        assertEquals(a.id(), b.id(), at);
        assertEquals(a.attributes(), b.attributes(), at + " attributes");
        assertEquals(new ArrayList<>(dataWithoutStorage(a).entrySet()), new ArrayList<>(dataWithoutStorage(b).entrySet()),
                at + " data attributes and their order");
        assertEquals(a.rtInfo(), b.rtInfo(), at + " rt_info");
        assertEquals(a.extraChildren(), b.extraChildren(), at + " other children");
        assertSamePorts(a.inputs(), b.inputs(), at + " inputs", v11);
        assertSamePorts(a.outputs(), b.outputs(), at + " outputs", v11);
        if (a.isConst()) {
            assertEquals(a.constData().get(), b.constData().get(), at + " bytes");
        }
    }

    private static Map<String, String> dataWithoutStorage(IrLayer l) {
        Map<String, String> m = new LinkedHashMap<>(l.data());
        if (l.isConst()) {
            m.remove("offset");
            m.remove("size");
        }
        return m;
    }

    private static void assertSamePorts(List<IrPort> a, List<IrPort> b, String at, boolean v11) {
        assertEquals(a.size(), b.size(), at);
        for (int i = 0; i < a.size(); i++) {
            Map<String, String> pa = new LinkedHashMap<>(a.get(i).attributes());
            Map<String, String> pb = new LinkedHashMap<>(b.get(i).attributes());
            if (!v11) {
                // v10 numbers Const outputs from 1; writing v11 renumbers them (a pure relabel).
                pa.remove("id");
                pb.remove("id");
            }
            assertEquals(new ArrayList<>(pa.entrySet()), new ArrayList<>(pb.entrySet()), at + " port " + i + " attributes");
            assertEquals(a.get(i).rawDims(), b.get(i).rawDims(), at + " port " + i + " dims");
            assertEquals(a.get(i).rtInfo(), b.get(i).rtInfo(), at + " port " + i + " rt_info");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("irs")
    void filesComeBackIdenticalUpToWhitespaceAndV10PortIds(String label, Path xml) throws IOException {
        assumeTrue(xml != null, "skipped: no IR assets under " + TestAssets.root().resolve("ir"));
        IrModel model = format.read(ModelSource.of(xml));
        List<Path> written = format.write(model, dir, "copy");
        // The assets' .bin files are already in OpenVINO's layout (id order, duplicates shared), so they come back as they were.
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(IrReader.defaultBin(xml)), Files.readAllBytes(written.get(1))),
                "the .bin differs from the original");
        if (model.document().version() == 11) {
            String before = Files.readString(xml).replaceAll("\\s+", "");
            String after = Files.readString(written.get(0)).replaceAll("\\s+", "");
            assertEquals(before, after, "a v11 .xml is rewritten as it was, up to indentation");
        }
    }

    @Test
    void writingTwiceGivesIdenticalFiles() throws IOException {
        Path xml = IrAssets.require("face-detection-adas-0001/FP16-INT8/face-detection-adas-0001.xml");
        IrModel model = format.read(ModelSource.of(xml));
        List<Path> one = format.write(model, dir.resolve("one"), "m");
        IrModel again = format.read(ModelSource.of(one.get(0)));
        List<Path> two = format.write(again, dir.resolve("two"), "m");
        for (int i = 0; i < 2; i++) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(one.get(i)), Files.readAllBytes(two.get(i))),
                    "second write differs: " + two.get(i).getFileName());
        }
        assertFalse(Files.readString(one.get(0)).contains("version=\"10\""));
    }
}
