package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.ir.xml.XmlProlog;

/** An IR is recognised by its root element, however long the prolog; other files are given up on early. */
class IrRecognizeTest {
    @TempDir
    Path dir;

    private final IrModelFormat format = new IrModelFormat();

    private boolean recognizes(String prolog) throws IOException {
        return format.recognizes(TinyIr.write(dir, TinyIr.XML.replace("<?xml version=\"1.0\"?>\n",
                "<?xml version=\"1.0\"?>\n" + prolog), TinyIr.weights()));
    }

    @Test
    void twoKilobytesOfCommentsBeforeTheNet() throws IOException {
        assertTrue(recognizes("<!-- licence header, " + "x".repeat(2048) + " -->\n<!-- another - one -- -->\n"));
    }

    @Test
    void longWhitespaceAndProcessingInstructionsBeforeTheNet() throws IOException {
        assertTrue(recognizes(" \n\t".repeat(2000) + "<?generator " + "y".repeat(5000) + "?>\n"));
    }

    @Test
    void aByteOrderMarkAndAMegabyteOfCommentStillReads() throws IOException {
        Path xml = dir.resolve("bom.xml");
        byte[] body = ("<!--" + "z".repeat(1 << 20) + "-->" + TinyIr.XML.substring(TinyIr.XML.indexOf("<net")))
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(xml, bytes);
        assertTrue(format.recognizes(xml));
    }

    @Test
    void otherXmlIsNotAnIrEvenWithANetElementInside() throws IOException {
        Path pom = Files.writeString(dir.resolve("pom.xml"), "<project><!-- <net> --><net version=\"11\"/></project>");
        assertFalse(format.recognizes(pom));
        Path net = Files.writeString(dir.resolve("network.xml"), "<network/>");
        assertFalse(format.recognizes(net));
    }

    @Test
    void binaryWithAnXmlNameIsNotAnIr() throws IOException {
        assertFalse(format.recognizes(Files.write(dir.resolve("weights.xml"), new byte[] {0, 1, 2, '<', 'n', 'e', 't'})));
    }

    @Test
    void anotherDocumentIsGivenUpOnAtItsRootElement() throws IOException {
        // an endless stream: the scan must stop at the root element, not read on
        long[] read = {0};
        InputStream endless = new InputStream() {
            private final byte[] head = "<?xml version=\"1.0\"?>\n<!-- c -->\n<project>".getBytes(StandardCharsets.US_ASCII);

            @Override
            public int read() {
                long i = read[0]++;
                return i < head.length ? head[(int) i] : 'x';
            }
        };
        assertEquals(Optional.of("project"), XmlProlog.rootElement(endless, Long.MAX_VALUE));
        assertTrue(read[0] < 100, "read " + read[0] + " bytes");
    }

    @Test
    void anEndlessCommentIsGivenUpOnAtTheLimit() throws IOException {
        long[] read = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return read[0]++ < 4 ? "<!--".charAt((int) read[0] - 1) : '-';
            }
        };
        assertEquals(Optional.empty(), XmlProlog.rootElement(endless, 1 << 20));
        assertEquals(1 << 20, read[0]);
    }
}
