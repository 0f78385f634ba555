package org.pot4j.cli;

/** Command-line text as the JSON-like value a configuration map expects. */
final class PlainValues {
    private PlainValues() {
    }

    /** {@code "true"}/{@code "false"} as booleans, integers as Integer or Long, decimals as Double, else the text. */
    static Object parse(String text) {
        String t = text.trim();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        try {
            long v = Long.parseLong(t);
            return v == (int) v ? (Object) (int) v : (Object) v;
        } catch (NumberFormatException e) {
            // not an integer
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
