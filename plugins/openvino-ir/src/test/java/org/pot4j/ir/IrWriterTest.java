package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;
import org.pot4j.api.tensor.ElementType;
import org.pot4j.api.tensor.Shape;
import org.pot4j.ir.document.IrLayer;
import org.pot4j.ir.document.IrPort;
import org.pot4j.ir.xml.IrXmlElement;

/** What the writer does beyond plain round trips: escaping, refusing broken documents, overwriting, failures. */
class IrWriterTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    @Test
    void awkwardCharactersSurviveInAttributesAndText() throws IOException {
        IrModel model = format.read(ModelSource.of(TinyIr.write(dir)));
        String value = "a \"quoted\" <tag> & 'apostrophe'\tand\nnewline, ünïcödé";
        IrLayer conv = model.document().layerNamed("conv").orElseThrow();
        conv.setName(value);
        conv.setData("note", value);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("value", value);
        model.document().putSection(new IrXmlElement("quantization_parameters", Map.of(),
                List.of(new IrXmlElement("config", Map.of(), List.of(), "{\n\t'x': \"<&>\"\n}", 0),
                        IrXmlElement.of("cli_params", attrs)), null, 0));
        List<Path> files = format.write(model, dir.resolve("out"), "m");
        IrModel back = format.read(ModelSource.of(files.get(0)));
        IrLayer conv2 = back.document().layer(conv.id()).orElseThrow();
        assertEquals(value, conv2.name());
        assertEquals(value, conv2.data("note").get());
        IrXmlElement q = back.document().section("quantization_parameters").orElseThrow();
        assertEquals("{\n\t'x': \"<&>\"\n}", q.child("config").get().text().get());
        assertEquals(value, q.child("cli_params").get().attribute("value").get());
    }

    @Test
    void aBrokenDocumentIsRefusedBeforeAnythingIsWritten() throws IOException {
        IrModel model = format.read(ModelSource.of(TinyIr.write(dir)));
        // A ReLU feeding itself: a cycle an edit can create and the writer must not put on disk.
        IrLayer relu = IrLayer.create(model.document().nextLayerId(), "loop", "ReLU", "opset1", null);
        model.document().addLayer(relu);
        relu.addInput(IrPort.of(ElementType.F32, Shape.of(1)));
        relu.addOutput(IrPort.of(ElementType.F32, Shape.of(1)));
        model.document().connect(relu.id(), 0, relu.id(), 0);
        Path out = dir.resolve("out");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> format.write(model, out, "m"));
        assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("loop"), e.getMessage());
        assertTrue(!Files.exists(out.resolve("m.xml")) && !Files.exists(out.resolve("m.bin")), "nothing written");
    }

    @Test
    void overwritesAnEarlierModelAndLeavesNoTemporaryFiles() throws IOException {
        IrModel model = format.read(ModelSource.of(TinyIr.write(dir)));
        Path out = dir.resolve("out");
        format.write(model, out, "m");
        model.document().layerNamed("conv").orElseThrow().setData("strides", "2,2");
        List<Path> files = format.write(model, out, "m");
        assertTrue(Files.readString(files.get(0)).contains("strides=\"2,2\""));
        try (Stream<Path> listed = Files.list(out)) {
            assertEquals(2, listed.count(), "only m.xml and m.bin");
        }
    }

    @Test
    void writingOverTheInputFilesKeepsTheModelReadable() throws IOException {
        // The .bin is memory-mapped; replacing it by a move leaves the mapped original intact.
        Path xml = TinyIr.write(dir);
        IrModel model = format.read(ModelSource.of(xml));
        format.write(model, dir, "tiny");
        IrModel again = format.read(ModelSource.of(xml));
        assertEquals(6, again.graph().requireNode("w").constantValue().get().elementCount());
        assertEquals(3f, model.graph().requireNode("w").constantValue().get().getFloat(2));
    }

    @Test
    void aFileWhereTheDirectoryShouldBeFailsNamingIt() throws IOException {
        IrModel model = format.read(ModelSource.of(TinyIr.write(dir)));
        Path notADir = Files.writeString(dir.resolve("occupied"), "x");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> format.write(model, notADir, "m"));
        assertTrue(e.getMessage().contains("occupied"), e.getMessage());
    }
}
