package org.pot4j.core.config;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.pot4j.api.error.ConfigurationException;

/**
 * Reads a configuration file into a JSON tree (comments and trailing commas allowed, duplicate keys refused) within
 * limits no real configuration comes near, so that a hostile file cannot exhaust the stack or the heap: nesting
 * {@value #MAX_NESTING} levels, numbers of {@value #MAX_NUMBER_CHARS} characters, strings of
 * {@value #MAX_STRING_CHARS}, keys of {@value #MAX_KEY_CHARS}, files of {@value #MAX_FILE_BYTES} bytes. Every failure
 * is a {@link ConfigurationException} naming the file, line and column and, where the parser got inside the
 * document, the key path. Decimal numbers are kept exactly ({@link java.math.BigDecimal}), so that one a double cannot
 * hold is reported as written.
 */
final class ConfigJson {
    /** The deepest nesting of objects and lists. */
    static final int MAX_NESTING = 64;
    /** The longest number literal. */
    static final int MAX_NUMBER_CHARS = 100;
    /** The longest string value. */
    static final int MAX_STRING_CHARS = 1 << 20;
    /** The longest key. */
    static final int MAX_KEY_CHARS = 1000;
    /** The largest configuration file. */
    static final long MAX_FILE_BYTES = 16L << 20;
    /** How many segments of a key path an error about a deeply nested value shows. */
    private static final int SHOWN_SEGMENTS = 8;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                    .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxNumberLength(MAX_NUMBER_CHARS)
                            .maxStringLength(MAX_STRING_CHARS)
                            .maxNameLength(MAX_KEY_CHARS)
                            .maxDocumentLength(MAX_FILE_BYTES)
                            .build())
                    .errorReportConfiguration(ErrorReportConfiguration.builder()
                            .maxErrorTokenLength(40)
                            .maxRawContentLength(80)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ConfigJson() {
    }

    /**
     * The JSON tree of {@code file} (absolute), or null when the file holds no JSON value.
     *
     * @throws ConfigurationException when the file is missing, not a regular file, unreadable, or not JSON within the
     *                                limits
     */
    static JsonNode read(Path file) {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ConfigurationException("", file + ": not a regular file");
        }
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            try {
                return JSON.readTree(parser);
            } catch (StreamConstraintsException e) {
                JsonLocation at = parser.currentTokenLocation();
                throw new ConfigurationException(keyPath(parser.getParsingContext()), file + ": invalid JSON at "
                        + where(at) + ": " + withoutJacksonNames(e.getOriginalMessage()), e);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new ConfigurationException("", file + ": invalid JSON at " + where(at) + ": "
                        + withoutJacksonNames(e.getOriginalMessage()), e);
            } catch (NumberFormatException | ArithmeticException e) {
                // a decimal whose exponent does not fit an int (1e9999999999): Jackson's BigDecimal parsing refuses it
                // with an unchecked exception
                throw new ConfigurationException(keyPath(parser.getParsingContext()), file + ": invalid JSON at "
                        + where(parser.currentTokenLocation()) + ": a number whose exponent is out of range", e);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("", "configuration file not found: " + file, e);
        } catch (IOException e) {
            throw new ConfigurationException("", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String where(JsonLocation at) {
        return "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Jackson's limit messages end in {@code , from `StreamReadConstraints.getMaxNestingDepth()`)}: not for users. */
    private static String withoutJacksonNames(String message) {
        return String.valueOf(message).replaceAll(", from `[^`]*`\\)", ")")
                .replace("Document nesting depth", "nesting depth");
    }

    /** The key path of the parser's position ({@code compression.algorithms[0].params}), cut after a few segments. */
    static String keyPath(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder();
        int segments = 0;
        for (JsonStreamContext c : chain) {
            String segment;
            if (c.inObject() && c.getCurrentName() != null) {
                segment = (path.length() == 0 ? "" : ".") + c.getCurrentName();
            } else if (c.inArray()) {
                segment = "[" + Math.max(0, c.getCurrentIndex()) + "]";
            } else {
                continue;
            }
            if (++segments > SHOWN_SEGMENTS) {
                return path + "...";
            }
            path.append(segment);
        }
        return path.toString();
    }
}
