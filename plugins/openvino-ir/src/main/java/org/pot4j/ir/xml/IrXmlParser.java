package org.pot4j.ir.xml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.pot4j.api.error.ModelFormatException;

/**
 * Parses an XML file into an {@link IrXmlElement} tree with StAX, keeping attribute order and line numbers. Hostile
 * XML is refused: a DOCTYPE (so no entity is ever declared or expanded, and nothing outside the file is read) and
 * nesting deeper than {@link #MAX_DEPTH}.
 */
public final class IrXmlParser {
    /** Deeper nesting is refused: IR files nest a few levels (sub-graph bodies a few more), never hundreds. */
    public static final int MAX_DEPTH = 256;

    private IrXmlParser() {
    }

    /**
     * The root element of {@code file}.
     *
     * @throws ModelFormatException naming the file, and the line and column for malformed XML
     */
    public static IrXmlElement parse(Path file) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // IR files never need a DTD: entities are never declared, expanded or fetched (no billion laughs, no
        // external entities), and a DOCTYPE is refused outright below.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try (Reader in = utf8(file)) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (NoSuchFileException e) {
            throw ModelFormatException.inFile(file, "file not found");
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            String where = at == null || at.getLineNumber() < 0 ? ""
                    : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            if (hasCause(e, CharacterCodingException.class)) {
                // the parser's location is where it refilled its buffer, not where the bad byte is
                throw new ModelFormatException(file + ": malformed XML" + Utf8Scan.firstInvalid(file)
                        .map(bad -> " at line " + bad[0] + " (byte " + bad[1] + ")").orElse("")
                        + ": a byte sequence that is not UTF-8 (IR files are UTF-8)", e);
            }
            throw new ModelFormatException(file + ": malformed XML" + where + ": " + cleanMessage(e), e);
        }
    }

    /**
     * The file as strictly decoded UTF-8 (a leading byte order mark skipped). Decoding here rather than in the
     * JDK's parser keeps it from printing "[Fatal Error] ..." to stderr for a bad byte; IR files are UTF-8.
     */
    private static Reader utf8(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file));
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (head.length < 3 || (head[0] & 0xff) != 0xEF || (head[1] & 0xff) != 0xBB || (head[2] & 0xff) != 0xBF) {
            in.reset();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        // StAX keeps the reader's IOException as its "nested exception", not always as the cause
        Throwable n = t instanceof XMLStreamException ? ((XMLStreamException) t).getNestedException() : null;
        n = n == null ? t.getCause() : n;
        return n == t ? null : n;
    }

    private static IrXmlElement read(XMLStreamReader reader) throws XMLStreamException {
        Deque<Builder> open = new ArrayDeque<>();
        IrXmlElement root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD:
                    throw new XMLStreamException("a DOCTYPE is not allowed in an IR file (no DTDs, no entities)",
                            reader.getLocation());
                case XMLStreamConstants.START_ELEMENT: {
                    if (open.size() >= MAX_DEPTH) {
                        throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH + " levels",
                                reader.getLocation());
                    }
                    Map<String, String> attrs = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attrs.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                    }
                    open.push(new Builder(reader.getLocalName(), attrs, reader.getLocation().getLineNumber()));
                    break;
                }
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.CDATA:
                    if (!open.isEmpty()) {
                        open.peek().text.append(reader.getText());
                    }
                    break;
                case XMLStreamConstants.END_ELEMENT: {
                    IrXmlElement done = open.pop().build();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                    break;
                }
                default:
                    break;
            }
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }

    private static String cleanMessage(XMLStreamException e) {
        // The JDK prefixes its messages with "ParseError at [row,col]:[..]\nMessage: "; the location is reported above.
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + "Message: ".length()).trim() : m.trim();
    }

    private static final class Builder {
        final String name;
        final Map<String, String> attributes;
        final int line;
        final List<IrXmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Builder(String name, Map<String, String> attributes, int line) {
            this.name = name;
            this.attributes = attributes;
            this.line = line;
        }

        IrXmlElement build() {
            String t = text.toString();
            return new IrXmlElement(name, attributes, children, t.isBlank() ? null : t, line);
        }
    }
}
