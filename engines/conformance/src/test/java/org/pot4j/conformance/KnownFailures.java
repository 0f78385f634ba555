package org.pot4j.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The reviewed list of node cases the reference engine is known to get wrong: {@code known-failures.txt}, one case
 * name per line followed by {@code # reason}; blank lines and lines starting with {@code #} are comments.
 */
final class KnownFailures {
    static final String RESOURCE = "known-failures.txt";

    private final Map<String, String> reasons;

    private KnownFailures(Map<String, String> reasons) {
        this.reasons = Collections.unmodifiableMap(reasons);
    }

    /** The list shipped beside this class. */
    static KnownFailures load() {
        InputStream in = KnownFailures.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the test resources");
        }
        try (in) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses list {@code text} read from {@code source}.
     *
     * @throws IllegalArgumentException naming the line of an entry without a reason, or listed twice
     */
    static KnownFailures parse(String text, String source) {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int hash = trimmed.indexOf('#');
                String name = (hash < 0 ? trimmed : trimmed.substring(0, hash)).strip();
                String reason = hash < 0 ? "" : trimmed.substring(hash + 1).strip();
                if (name.contains(" ") || reason.isEmpty()) {
                    throw new IllegalArgumentException(source + " line " + number + ": expected '<case> # <reason>', got '"
                            + trimmed + "'");
                }
                if (reasons.put(name, reason) != null) {
                    throw new IllegalArgumentException(source + " line " + number + ": " + name + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return new KnownFailures(reasons);
    }

    /** The reason {@code caseName} is listed, if it is. */
    Optional<String> reason(String caseName) {
        return Optional.ofNullable(reasons.get(caseName));
    }

    /** Every listed case with its reason. */
    Map<String, String> entries() {
        return reasons;
    }
}
