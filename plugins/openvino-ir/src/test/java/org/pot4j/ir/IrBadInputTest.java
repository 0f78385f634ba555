package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;
import org.pot4j.testkit.TestAssets;

/** Every kind of broken IR fails with a message naming the file and, where there is one, the layer by name and id. */
class IrBadInputTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    private String fail(Path xml) {
        return fail(ModelSource.of(xml));
    }

    private String fail(ModelSource source) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> format.read(source));
        assertTrue(e.getMessage().contains(source.model().toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "expected '" + p + "' in: " + message);
        }
    }

    @Test
    void theIntactTinyIrReads() throws IOException {
        assertEquals(4, format.read(ModelSource.of(TinyIr.write(dir))).graph().nodes().size());
    }

    @Test
    void truncatedBin() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML, Arrays.copyOf(TinyIr.weights(), 20));
        assertMentions(fail(xml), "Const layer 'w' (id 1", "reaches byte 24", "tiny.bin has only 20 bytes");
    }

    @Test
    void constReachingPastTheEndOfTheBin() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("offset=\"0\" size=\"24\"", "offset=\"8\" size=\"24\""),
                TinyIr.weights());
        assertMentions(fail(xml), "'w' (id 1", "offset 8, size 24", "reaches byte 32", "only 24 bytes");
    }

    @Test
    void sizeThatDoesNotFitTheShape() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("size=\"24\"", "size=\"12\""), TinyIr.weights());
        assertMentions(fail(xml), "'w' (id 1", "size 12 does not match shape [3,2,1,1] of f32 (24 bytes)");
    }

    @Test
    void edgeToAMissingLayer() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("to-layer=\"3\"", "to-layer=\"7\""), TinyIr.weights());
        assertMentions(fail(xml), "goes to missing layer 7", "Convolution layer 'conv' (id 2)");
    }

    @Test
    void edgeFromAMissingLayer() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("from-layer=\"1\"", "from-layer=\"9\""), TinyIr.weights());
        assertMentions(fail(xml), "comes from missing layer 9", "Convolution layer 'conv' (id 2)");
    }

    @Test
    void edgeToAMissingPort() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("to-layer=\"2\" to-port=\"1\"", "to-layer=\"2\" to-port=\"5\""),
                TinyIr.weights());
        assertMentions(fail(xml), "Convolution layer 'conv' (id 2) has no input port 5", "its inputs: [0, 1]");
    }

    @Test
    void edgeFromAMissingOutputPort() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("from-layer=\"2\" from-port=\"2\"", "from-layer=\"2\" from-port=\"3\""),
                TinyIr.weights());
        assertMentions(fail(xml), "Convolution layer 'conv' (id 2) has no output port 3");
    }

    @Test
    void cycle() throws IOException {
        // conv feeds its own data input: conv -> conv.
        String xml = TinyIr.XML.replace("<edge from-layer=\"0\" from-port=\"0\" to-layer=\"2\" to-port=\"0\"/>",
                "<edge from-layer=\"2\" from-port=\"2\" to-layer=\"2\" to-port=\"0\"/>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "cycle", "Convolution layer 'conv' (id 2)");
    }

    @Test
    void cycleThroughTwoLayers() throws IOException {
        String xml = TinyIr.XML
                .replace("<layer id=\"3\" name=\"out\" type=\"Result\" version=\"opset1\">",
                        "<layer id=\"3\" name=\"relu\" type=\"ReLU\" version=\"opset1\">")
                .replace("</port>\n\t\t\t</input>\n\t\t</layer>\n\t</layers>",
                        "</port>\n\t\t\t</input>\n\t\t\t<output><port id=\"1\" precision=\"FP32\"/></output>\n\t\t</layer>\n\t</layers>")
                .replace("<edge from-layer=\"0\" from-port=\"0\" to-layer=\"2\" to-port=\"0\"/>",
                        "<edge from-layer=\"3\" from-port=\"1\" to-layer=\"2\" to-port=\"0\"/>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "cycle", "'conv' (id 2)", "'relu' (id 3)");
    }

    @Test
    void unknownConstElementType() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("element_type=\"f32\" shape=\"3,2,1,1\"",
                "element_type=\"f24\" shape=\"3,2,1,1\""), TinyIr.weights());
        assertMentions(fail(xml), "Const layer 'w' (id 1", "unknown element type 'f24'");
    }

    @Test
    void unknownPortPrecision() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("precision=\"FP32\" names=\"conv:0\"",
                "precision=\"FP99\" names=\"conv:0\""), TinyIr.weights());
        assertMentions(fail(xml), "Convolution layer 'conv' (id 2", "unknown element type 'FP99'");
    }

    @Test
    void malformedXmlNamesTheLine() throws IOException {
        // Line 13 of the tiny IR loses the closing quote of an attribute.
        String xml = TinyIr.XML.replace("<data element_type=\"f32\" shape=\"3,2,1,1\" offset=\"0\" size=\"24\"/>",
                "<data element_type=\"f32 shape=\"3,2,1,1\" offset=\"0\" size=\"24\"/>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "malformed XML at line 13");
    }

    @Test
    void unclosedElementNamesTheLine() throws IOException {
        String xml = TinyIr.XML.replace("</edges>", "");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "malformed XML at line");
    }

    @Test
    void missingBin() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML, null);
        assertMentions(fail(xml), "weights file", "tiny.bin not found", "Const layer 'w' (id 1)");
    }

    @Test
    void explicitWeightsFileIsUsed() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML, null);
        Path bin = Files.write(dir.resolve("elsewhere.weights"), TinyIr.weights());
        assertEquals(4, format.read(new ModelSource(xml, Optional.of(bin), null)).graph().nodes().size());
    }

    @Test
    void duplicateLayerId() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("<layer id=\"3\"", "<layer id=\"2\""), TinyIr.weights());
        assertMentions(fail(xml), "layer 'out' (id 2", "also used by Convolution layer 'conv' (id 2)");
    }

    @Test
    void inputFedTwice() throws IOException {
        String xml = TinyIr.XML.replace("</edges>",
                "<edge from-layer=\"0\" from-port=\"0\" to-layer=\"2\" to-port=\"1\"/></edges>");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "input port 1 of Convolution layer 'conv' (id 2)",
                "already fed");
    }

    @Test
    void unconnectedInputPort() throws IOException {
        String xml = TinyIr.XML.replace("<edge from-layer=\"1\" from-port=\"0\" to-layer=\"2\" to-port=\"1\"/>", "");
        assertMentions(fail(TinyIr.write(dir, xml, TinyIr.weights())), "Convolution layer 'conv' (id 2, line 18)",
                "input port 1 is not connected");
    }

    @Test
    void notAnIr() throws IOException {
        Path xml = Files.writeString(dir.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion></project>");
        assertMentions(fail(xml), "expected <net>");
    }

    @Test
    void unsupportedVersion() throws IOException {
        Path xml = TinyIr.write(dir, TinyIr.XML.replace("version=\"11\"", "version=\"7\""), TinyIr.weights());
        assertMentions(fail(xml), "IR version '7' is not supported");
    }

    @Test
    void mismatchedXmlAndBinPair() throws IOException {
        // The squeezenet v11 .xml beside the much smaller .bin of open-closed-eye: the constants do not fit.
        Path xml = TestAssets.require("ir/squeezenet1.1/v11/squeezenet1.1.xml");
        Path bin = TestAssets.require("ir/open-closed-eye-0001/FP32/open-closed-eye-0001.bin");
        Path copy = Files.copy(xml, dir.resolve("squeezenet1.1.xml"));
        Files.copy(bin, dir.resolve("squeezenet1.1.bin"));
        assertMentions(fail(copy), "squeezenet1.1.bin has only " + Files.size(bin) + " bytes",
                "not the .bin of this .xml");
    }

    @Test
    void truncatedRealBin() throws IOException {
        Path xml = TestAssets.require("ir/squeezenet1.1/v11/squeezenet1.1.xml");
        Path bin = TestAssets.require("ir/squeezenet1.1/v11/squeezenet1.1.bin");
        Path copy = Files.copy(xml, dir.resolve("squeezenet1.1.xml"));
        byte[] bytes = Files.readAllBytes(bin);
        Files.write(dir.resolve("squeezenet1.1.bin"), Arrays.copyOf(bytes, bytes.length / 2));
        assertMentions(fail(copy), "Const layer", "(id ", "truncated .bin");
    }
}
