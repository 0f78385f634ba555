package org.pot4j.ir.xml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the name of an XML document's root element by streaming over its prolog (byte order mark, XML
 * declaration, whitespace, comments, processing instructions, a DOCTYPE) without parsing or buffering it, so a
 * long prolog is skipped in constant memory and a file that is not XML is given up on at its first bytes.
 */
public final class XmlProlog {
    /** How far {@link #rootElement(Path)} looks for the root element before giving up. */
    public static final long MAX_PROLOG_BYTES = 16L << 20;

    private final InputStream in;
    private final long limit;
    private long read;

    private XmlProlog(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The root element's name of {@code file} (prefix included), if it is found in the first {@link #MAX_PROLOG_BYTES}. */
    public static Optional<String> rootElement(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return rootElement(in, MAX_PROLOG_BYTES);
        }
    }

    /**
     * The root element's name read from {@code in}, which is read only up to the end of that name and at most
     * {@code limit} bytes; empty when the stream is not XML or the prolog is longer.
     */
    public static Optional<String> rootElement(InputStream in, long limit) throws IOException {
        return new XmlProlog(in, limit).scan();
    }

    private Optional<String> scan() throws IOException {
        int c = next();
        if (c == 0xEF) {
            if (next() != 0xBB || next() != 0xBF) {
                return Optional.empty();
            }
            c = next();
        }
        while (true) {
            while (isSpace(c)) {
                c = next();
            }
            if (c != '<') {
                return Optional.empty();
            }
            c = next();
            if (c == '?') {
                if (!skipPast("?>")) {
                    return Optional.empty();
                }
            } else if (c == '!') {
                c = next();
                if (c == '-') {
                    if (next() != '-' || !skipPast("-->")) {
                        return Optional.empty();
                    }
                } else if (c == 'D') {
                    if (!skipDoctype()) {
                        return Optional.empty();
                    }
                } else {
                    return Optional.empty();
                }
            } else {
                return name(c);
            }
            c = next();
        }
    }

    private Optional<String> name(int first) throws IOException {
        StringBuilder name = new StringBuilder();
        int c = first;
        while (c >= 0 && !isSpace(c) && c != '>' && c != '/') {
            if (name.length() >= 256) {
                return Optional.empty();
            }
            name.append((char) c);
            c = next();
        }
        return name.length() == 0 || c < 0 ? Optional.empty() : Optional.of(name.toString());
    }

    /** Skips to just after {@code end}; false at the end of the stream or the limit. */
    private boolean skipPast(String end) throws IOException {
        // the last end.length() bytes seen, compared with end after each byte
        int[] window = new int[end.length()];
        for (long seen = 1; ; seen++) {
            int c = next();
            if (c < 0) {
                return false;
            }
            System.arraycopy(window, 1, window, 0, window.length - 1);
            window[window.length - 1] = c;
            if (seen >= window.length && matches(window, end)) {
                return true;
            }
        }
    }

    private static boolean matches(int[] window, String end) {
        for (int i = 0; i < window.length; i++) {
            if (window[i] != end.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips a {@code <!DOCTYPE ...>} with its internal subset in brackets, quoted strings and comments. */
    private boolean skipDoctype() throws IOException {
        int depth = 0;
        int quote = 0;
        while (true) {
            int c = next();
            if (c < 0) {
                return false;
            }
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return true;
            }
        }
    }

    private int next() throws IOException {
        if (read >= limit) {
            return -1;
        }
        read++;
        return in.read();
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
