package org.pot4j.osgi.it;

import java.util.ArrayList;
import java.util.List;

/** Splits an OSGi manifest header into clauses at commas outside quotes ({@code version="[1,2)"} has one). */
final class ManifestClauses {
    private ManifestClauses() {
    }

    static List<String> split(String header) {
        List<String> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString().trim());
        return out;
    }

    /** The package (or namespace) of a clause: the part before the first {@code ;}. */
    static String name(String clause) {
        int semicolon = clause.indexOf(';');
        return (semicolon < 0 ? clause : clause.substring(0, semicolon)).trim();
    }
}
