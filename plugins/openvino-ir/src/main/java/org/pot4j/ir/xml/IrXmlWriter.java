package org.pot4j.ir.xml;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes XML the way OpenVINO's serializer lays it out: one element per line, tab indentation, empty elements
 * closed with {@code />}. Attribute values are escaped so that tabs and newlines survive a round trip.
 */
public final class IrXmlWriter {
    private final Writer out;

    public IrXmlWriter(Writer out) {
        this.out = out;
    }

    /** Writes the XML declaration. */
    public void declaration() throws IOException {
        out.write("<?xml version=\"1.0\"?>\n");
    }

    /** Opens {@code <name attrs>} on its own line. */
    public void open(int depth, String name, Map<String, String> attributes) throws IOException {
        indent(depth);
        out.write('<');
        out.write(name);
        attributes(attributes);
        out.write(">\n");
    }

    /** Closes {@code </name>} on its own line. */
    public void close(int depth, String name) throws IOException {
        indent(depth);
        out.write("</");
        out.write(name);
        out.write(">\n");
    }

    /** Writes {@code <name attrs/>}. */
    public void empty(int depth, String name, Map<String, String> attributes) throws IOException {
        indent(depth);
        out.write('<');
        out.write(name);
        attributes(attributes);
        out.write("/>\n");
    }

    /** Writes {@code <name>text</name>} on one line. */
    public void textElement(int depth, String name, String text) throws IOException {
        indent(depth);
        out.write('<');
        out.write(name);
        out.write('>');
        out.write(escapeText(text));
        out.write("</");
        out.write(name);
        out.write(">\n");
    }

    /** Writes a whole element tree. */
    public void element(int depth, IrXmlElement e) throws IOException {
        if (e.children().isEmpty() && e.text().isEmpty()) {
            empty(depth, e.name(), e.attributes());
            return;
        }
        indent(depth);
        out.write('<');
        out.write(e.name());
        attributes(e.attributes());
        out.write('>');
        if (e.text().isPresent()) {
            out.write(escapeText(e.text().get()));
        }
        if (e.children().isEmpty()) {
            out.write("</" + e.name() + ">\n");
            return;
        }
        out.write('\n');
        for (IrXmlElement c : e.children()) {
            element(depth + 1, c);
        }
        close(depth, e.name());
    }

    private void attributes(Map<String, String> attributes) throws IOException {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            out.write(' ');
            out.write(a.getKey());
            out.write("=\"");
            out.write(escapeAttribute(a.getValue()));
            out.write('"');
        }
    }

    private void indent(int depth) throws IOException {
        for (int i = 0; i < depth; i++) {
            out.write('\t');
        }
    }

    static String escapeText(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '\r': b.append("&#13;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    static String escapeAttribute(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&quot;"); break;
                // A raw newline or tab in an attribute would be normalised to a space when read back.
                case '\n': b.append("&#10;"); break;
                case '\t': b.append("&#9;"); break;
                case '\r': b.append("&#13;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
