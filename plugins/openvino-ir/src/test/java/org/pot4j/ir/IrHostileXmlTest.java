package org.pot4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pot4j.api.error.ModelFormatException;
import org.pot4j.api.model.ModelSource;

/** The XML parser declares, expands and fetches no entities: a DOCTYPE is refused before anything is expanded. */
class IrHostileXmlTest {
    @TempDir
    Path dir;

    private String fail(String xml) throws IOException {
        Path file = TinyIr.write(dir, xml, TinyIr.weights());
        ModelFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(
                ModelFormatException.class, () -> new IrModelFormat().read(ModelSource.of(file))));
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctype() throws IOException {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE net [\n <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append(" <!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        dtd.append("]>\n");
        String xml = TinyIr.XML.replace("<net name=\"tiny\"", dtd + "<net name=\"&lol9;\"");
        String m = fail(xml);
        // the parser reports the DOCTYPE where it ends (line 13), before any entity is used
        assertTrue(m.contains("at line 13") && m.contains("a DOCTYPE is not allowed in an IR file"), m);
    }

    @Test
    void externalEntityIsNeverRead() throws IOException {
        String xml = TinyIr.XML.replace("<net name=\"tiny\"",
                "<!DOCTYPE net [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n<net name=\"tiny\"")
                .replace("name=\"conv\"", "name=\"&xxe;\"");
        String m = fail(xml);
        assertTrue(m.contains("a DOCTYPE is not allowed in an IR file"), m);
        assertFalse(m.contains("root:"), "no line of /etc/passwd in the message: " + m);
    }

    @Test
    void externalDtdIsNeverFetched() throws IOException {
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY leak SYSTEM \"file:///etc/passwd\">");
        String xml = TinyIr.XML.replace("<net name=\"tiny\"",
                "<!DOCTYPE net SYSTEM \"" + dtd.toUri() + "\">\n<net name=\"tiny\"");
        assertTrue(fail(xml).contains("a DOCTYPE is not allowed in an IR file"));
    }

    @Test
    void bytesThatAreNotUtf8AreNamedWithoutNoiseOnStderr() throws IOException {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            byte[] xml = TinyIr.XML.replace("name=\"conv\"", "name=\"c\u00ffnv\"")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            Path file = Files.write(dir.resolve("latin1.xml"), xml);
            Files.write(dir.resolve("latin1.bin"), TinyIr.weights());
            ModelFormatException e = assertThrows(ModelFormatException.class,
                    () -> new IrModelFormat().read(ModelSource.of(file)));
            assertTrue(e.getMessage().contains("malformed XML at line 18 (byte ") && e.getMessage().contains("not UTF-8"),
                    e.getMessage());
        } finally {
            System.setErr(err);
        }
        // (Jazzer's agent, when a fuzz test ran first in this JVM, logs its own lines here)
        assertFalse(captured.toString().contains("[Fatal Error]"), "the JDK parser printed: " + captured);
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        byte[] body = TinyIr.XML.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        Path file = Files.write(dir.resolve("bom.xml"), bom);
        Files.write(dir.resolve("bom.bin"), TinyIr.weights());
        assertEquals(4, new IrModelFormat().read(ModelSource.of(file)).graph().nodes().size());
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() throws IOException {
        int depth = 100_000;
        String xml = TinyIr.XML.replace("<MO_version value=\"test\"/>", "<a>".repeat(depth) + "</a>".repeat(depth));
        assertTrue(fail(xml).contains("nested deeper than 256 levels"));
    }
}
