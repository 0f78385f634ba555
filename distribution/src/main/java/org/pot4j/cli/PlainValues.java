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

    /**
     * As {@link #parse}, and {@code 1,4} or {@code [1,4]} or {@code [4]} (numbers separated by commas) as a list of
     * numbers, such as a shape.
     */
    static Object parseWithLists(String text) {
        String t = text.trim();
        boolean bracketed = t.startsWith("[") && t.endsWith("]");
        if (bracketed) {
            t = t.substring(1, t.length() - 1);
        }
        if (bracketed || t.contains(",")) {
            java.util.List<Object> values = new java.util.ArrayList<>();
            for (String part : t.split(",", -1)) {
                Object v = parse(part);
                if (!(v instanceof Number)) {
                    return parse(text);
                }
                values.add(v);
            }
            return java.util.List.copyOf(values);
        }
        return parse(text);
    }
}
