package org.pot4j.cli.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.pot4j.api.error.ConfigurationException;

/** JSON text of plain values (maps, lists, strings, numbers), as recorded in a quantized model and its log. */
public final class JsonText {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private JsonText() {
    }

    /** Compact JSON of {@code plain} (paths are written as strings). */
    public static String of(Object plain) {
        try {
            return JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not plain JSON values: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON file (comments allowed, as POT's jstyleson) rewritten compactly. */
    public static String compact(Path file) {
        try {
            return JSON.writeValueAsString(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new ConfigurationException("", "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
